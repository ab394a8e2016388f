#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/driver/run_options.hpp"
#include "harness/summary/summary.hpp"

namespace lockstress {

// Before anything runs: every requested path can be written and no path is named twice. Returns
// the first problem in one line, or nullopt.
std::optional<std::string> check_outputs(const OutputPaths& paths);

// Writes every requested output from the one finished summary, each through a temporary file
// renamed into place. A file that cannot be written does not stop the others. Returns one line
// per file not written; empty when all were. Whoever ends a run (normally, or on an interrupt)
// calls this, so every path writes the same set of files.
std::vector<std::string> write_outputs(const Summary& summary, const OutputPaths& paths);

}  // namespace lockstress
