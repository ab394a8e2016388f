#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/driver/run_options.hpp"

namespace lockstress {

// The command line that repeats a run: every choice spelled out, the seed included. What differs
// from a default is written; cli_test checks that parsing it gives the same options back.
std::vector<std::string> rerun_arguments(const std::string& program, const RunOptions& options,
                                         std::uint64_t seed);

}  // namespace lockstress
