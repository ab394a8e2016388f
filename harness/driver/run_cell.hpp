#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "harness/driver/plan.hpp"
#include "harness/ingest/runner_stream.hpp"
#include "harness/pin.hpp"
#include "harness/summary/summary.hpp"

namespace lockstress {

struct CellSettings {
  std::string runner_path;  // this variant's runner executable
  std::uint64_t seed = 0;
  std::string source_root;
  Pin pin = Pin::spread;
  std::function<void(const TrialEvent&)> on_trial;  // as each trial's record arrives; may be empty
};

// Runs one cell in a fresh runner process and returns its measured, not yet graded, result.
// A runner that cannot start, dies, or breaks the protocol gives a result with `error` set that
// keeps every trial it did report.
CellResult run_cell(const CellPlan& plan, const CellSettings& settings);

// The runner executable of `variant` beside the driver: "<driver>-plain", "<driver>-tsan".
std::string runner_path(const std::string& driver_path, Variant variant);

}  // namespace lockstress
