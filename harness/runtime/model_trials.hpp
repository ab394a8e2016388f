#pragma once

#include "harness/runtime/runner_args.hpp"
#include "lockstress/lockstress.hpp"

namespace lockstress {

// The model variant's trials (sanitizers/model/): each trial is one schedule of the case's
// workload under the model's scheduler and memory model, one thread at a time, so there is no
// worker pool, placement or start line. Writes the same records as the other runners.
void run_model_trials(const Case& test_case, const RunnerArgs& args);

}  // namespace lockstress
