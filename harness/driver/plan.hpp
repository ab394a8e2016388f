#pragma once

#include <cstdint>
#include <vector>

#include "harness/driver/program.hpp"
#include "harness/driver/run_options.hpp"
#include "harness/summary/cell_plan.hpp"

namespace lockstress {

// One runner process's worth of work: one case in one variant with one set of parameters (the
// summary's CellPlan), and where its trials start.
struct PlannedCell {
  CellPlan plan;
  std::int64_t first_trial = 0;  // the index of the first trial: a shard's slice starts here
};

// The cells of a run, case by case (the control first), each case at each of its (threads,
// iterations) points (the command line's, but in the model's variants unless --variant names one:
// they keep the model's tiny sizes), each point in every selected variant (all of the program's by
// default), so the summary shows the detectors side by side. The control always runs: at every
// other case's points, and at its own when named or alone. A variant whose detector runs no real
// threads (DetectorInfo::real_threads) plans Pin::none, whatever --pin says. Options must already
// be validated (parse_command_line does, with run_validation.hpp).
std::vector<PlannedCell> plan_cells(const Program& program, const RunOptions& options);

// Whether the command line selected `c`: named by --case, or, with none named, one that runs by
// default. (The control runs whether selected or not.)
bool is_selected(const RunOptions& options, const Case& c);

// The trials `c` runs in all in the variants of kind `kind` (a shard runs its slice of them):
// --trials (for the model only when --variant names it, as --threads and --iterations), else
// kMaxTrials under --duration, else the case's default (case_defaults.hpp).
std::int64_t planned_trials(const Case& c, Detector kind, const RunOptions& options);

}  // namespace lockstress
