#pragma once

#include <string>
#include <vector>

#include "harness/driver/program.hpp"
#include "harness/driver/run_options.hpp"

namespace lockstress {

// run --replay: starts the model runner `runner` (under `emulator`, if any) on the one schedule
// options.replay names, the case's own model size unless --threads/--iterations say otherwise;
// its counterexample goes to stdout. Returns the exit status: 0, kExitReplayMismatch when the
// trace hash is not the one expected, kExitError when the runner could not replay it.
int replay_schedule(const RunOptions& options, const Program& program, const std::string& runner,
                    const std::vector<std::string>& emulator);

}  // namespace lockstress
