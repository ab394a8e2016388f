#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/driver/plan.hpp"
#include "harness/ingest/runner_stream.hpp"
#include "harness/protocol/perturb.hpp"
#include "harness/protocol/pin.hpp"
#include "harness/protocol/start_line.hpp"
#include "harness/stats/stopping_rule.hpp"
#include "harness/summary/summary.hpp"

namespace lockstress {

struct CellSettings {
  std::string runner_path;  // this variant's runner executable
  // A command the runner is started through, when it cannot be executed directly: the emulator
  // of a cross build ($LOCKSTRESS_EMULATOR, "setarch -R qemu-aarch64"); empty: none.
  std::vector<std::string> emulator;
  std::uint64_t seed = 0;
  std::string source_root;
  Pin pin = Pin::spread;
  StartLine start = StartLine::hybrid;
  Perturb perturb = Perturb::none;
  StoppingRule stopping;
  std::optional<double> time_limit_seconds;      // this cell's share of --duration
  std::chrono::duration<double> timeout{60};     // the watchdog's floor (see Watchdog); 0: off
  std::int64_t max_faults = 3;                   // hung or crashed trials before the cell stops
  std::vector<std::string> tsan_env;             // "NAME=value" for the TSan runner's environment
  int stop_fd = -1;                              // readable once the run is interrupted
  std::function<void(int pid)> on_runner_start;  // each runner's process (group) id
  std::function<void(const TrialEvent&)> on_trial;  // each counted trial as it arrives; or empty
};

// Runs one cell in its variant's runner and returns what it measured (grading comes after every
// cell ran: each is graded against the control of its variant).
// A trial that hangs or crashes is recorded as a fault and the runner restarts at the next trial,
// until settings.max_faults faults. A runner that cannot start, breaks the protocol, or exits
// early gives a measurement with `error` set. Either way every trial reported is kept. When stop_fd
// becomes readable, the runner is killed and the trials done so far are returned.
// When the stopping rule is met, the runner is asked to stop (protocol::kStopSignal); trials it
// finishes after that are not counted, so that the cell's trial count is the one the rule chose.
Measurement run_cell(const PlannedCell& cell, const CellSettings& settings);

// The runner executable of `variant` beside the driver: "<driver>-plain", "<driver>-tsan", as
// lockstress_add_runner names them. Found by name, not recorded as a path: the program and its
// runners may be moved or installed together (HACKING.md, "Entry points").
std::string runner_path(const std::string& driver_path, const Variant& variant);

}  // namespace lockstress
