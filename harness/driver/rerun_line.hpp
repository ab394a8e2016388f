#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "harness/driver/run_options.hpp"

namespace lockstress {

// The command line that repeats a run: every choice spelled out, the seed included. What differs
// from a default is written; cli_test checks that parsing it gives the same options back.
std::vector<std::string> rerun_arguments(const std::string& program, const RunOptions& options,
                                         std::uint64_t seed);

// Those arguments as one shell command, after TSAN_OPTIONS=... when the environment set it: it
// changes what TSan reports, so a rerun without it would not repeat the run.
std::string rerun_command(const std::string& program, const RunOptions& options,
                          std::uint64_t seed, std::string_view tsan_options);

}  // namespace lockstress
