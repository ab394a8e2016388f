#pragma once

#include "harness/base/result.hpp"
#include "harness/driver/program.hpp"
#include "harness/driver/run_options.hpp"

namespace lockstress {

// The checks of a run that need the catalogue and the plan, made before anything runs: each
// selected case allows every --threads, each case's trials give every shard one, and every planned
// cell's threads x iterations fits the 64-bit counter. `options` holds what cli.cpp parsed (names
// known, numbers in range). An Error is a usage mistake: exit 2.
Result<void> check_run(const RunOptions& options, const Program& program);

}  // namespace lockstress
