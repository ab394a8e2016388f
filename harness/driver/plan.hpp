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
// iterations) points, each point in every selected variant (all of the program's by default), so
// the summary shows the detectors side by side. The control always runs: at every other case's
// points, and at its own when named or alone. Options must already be validated (parse_command_line
// does, with run_validation.hpp).
std::vector<PlannedCell> plan_cells(const Program& program, const RunOptions& options);

// Whether the command line selected `c`: named by --case, or, with none named, one that runs by
// default. (The control runs whether selected or not.)
bool is_selected(const RunOptions& options, const Case& c);

// What `run` gives `c` when the command line does not say: the case's own defaults, else
// lockstress's (kDefaultThreads within the case's thread limit, kDefaultIterations,
// kDefaultTrials). `list` shows the same.
int default_threads(const Case& c);
std::int64_t default_iterations(const Case& c);
std::int64_t default_trials(const Case& c);

// The trials `c` runs in all (a shard runs its slice of them): --trials, else kMaxTrials under
// --duration, else the case's own default, else kDefaultTrials.
std::int64_t planned_trials(const Case& c, const RunOptions& options);

}  // namespace lockstress
