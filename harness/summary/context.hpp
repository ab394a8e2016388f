#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/summary/summary.hpp"

namespace lockstress {

// The platform this process runs on, and how it was started: everything a reader needs to know
// where the summary's numbers come from, and to rerun it.
Context gather_context(const std::vector<std::string>& command, std::uint64_t seed);

// The arguments joined into one line a POSIX shell reads back as the same arguments.
std::string shell_join(const std::vector<std::string>& arguments);

}  // namespace lockstress
