#pragma once

#include <vector>

#include "harness/base/result.hpp"
#include "harness/driver/run_options.hpp"
#include "harness/summary/summary.hpp"

namespace lockstress {

// Before anything runs: every requested path can be written and no path is named twice (the first
// problem found, if not).
Result<void> check_outputs(const OutputPaths& paths);

// Writes every requested output from the one finished summary, each through a temporary file
// renamed into place. A file that cannot be written does not stop the others. Returns one Error
// per file not written; none when all were. Whoever ends a run (normally, or on an interrupt)
// calls this, so every path writes the same set of files.
std::vector<Error> write_outputs(const Summary& summary, const OutputPaths& paths);

}  // namespace lockstress
