#pragma once

#include "harness/runtime/runner_args.hpp"
#include "lockstress/lockstress.hpp"

namespace lockstress {

// The model variant's trials (sanitizers/model/): each trial is one schedule of the case's
// workload under the model's scheduler and memory model, one thread at a time, so there is no
// worker pool, placement or start line. Writes the same records as the other runners.
void run_model_trials(const Case& test_case, const RunnerArgs& args);

// Runs the one schedule args.replay_key names (choices first, when given) with every event kept,
// prints its counterexample on stdout, and checks its trace hash against args.expect_hash.
// Returns the exit status: 0, or kExitReplayMismatch when the hash differs (exit_codes.hpp).
int run_model_replay(const Case& test_case, const RunnerArgs& args);

}  // namespace lockstress
