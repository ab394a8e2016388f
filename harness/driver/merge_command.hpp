#pragma once

#include <string>
#include <vector>

#include "harness/driver/cli.hpp"

namespace lockstress {

// lockstress merge: reads each input (validated), merges them (harness/analysis/merge.hpp), prints
// the summary and writes the requested outputs. An unreadable, malformed or mismatched input is
// one line on stderr and exit 2, before anything is written.
int merge_command(const MergeCommand& command, const std::vector<std::string>& args);

}  // namespace lockstress
