#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "harness/driver/plan.hpp"
#include "harness/perturb.hpp"
#include "harness/pin.hpp"
#include "harness/start_line.hpp"
#include "harness/stats/stopping_rule.hpp"
#include "harness/summary/summary.hpp"

namespace lockstress {

struct CellSettings {
  std::string runner_path;  // this variant's runner executable
  std::uint64_t seed = 0;
  std::string source_root;
  Pin pin = Pin::spread;
  StartLine start = StartLine::hybrid;
  Perturb perturb = Perturb::none;
  StoppingRule stopping;
  std::optional<double> time_limit_seconds;  // this cell's share of --duration
};

// Runs one cell in a fresh runner process and returns its measured, not yet graded, result.
// When the stopping rule is met, the runner is asked to stop; trials it finishes after that are
// not counted, so that the cell's trial count is the one the rule chose.
// A runner that cannot start, dies, or breaks the protocol gives a result with `error` set that
// keeps every trial it did report.
CellResult run_cell(const CellPlan& plan, const CellSettings& settings);

// The runner executable of `variant` beside the driver: "<driver>-plain", "<driver>-tsan".
std::string runner_path(const std::string& driver_path, Variant variant);

}  // namespace lockstress
