#pragma once

#include <string>
#include <vector>

#include "harness/driver/run_options.hpp"
#include "harness/summary/summary.hpp"

namespace lockstress {

// Writes every output the run asked for, from one summary, finished or interrupted: each file,
// through a temporary file renamed into place, then the console summary on stdout (unless
// --quiet). One output that cannot be written does not stop the others; returns the problems,
// one line each.
std::vector<std::string> write_outputs(const Summary& summary, const RunOptions& options);

}  // namespace lockstress
