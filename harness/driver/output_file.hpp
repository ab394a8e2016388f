#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "harness/base/result.hpp"

namespace lockstress {

// Checks, before anything runs, that `path` can be written: its directory exists and accepts a
// new file.
Result<void> check_writable(const std::string& path);

// Writes `path` through a temporary file beside it, renamed into place once complete, so that a
// reader (or a killed run) never sees half a file.
Result<void> write_atomically(const std::string& path,
                              const std::function<void(std::ostream&)>& write);

}  // namespace lockstress
