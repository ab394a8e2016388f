#pragma once

#include <string>
#include <vector>

namespace lockstress {

// `lockstress compare BASE.json NEW.json [--alpha P]`: args as main received them (args[1] is
// "compare"). Prints the comparison on stdout and returns the exit code: 0, or 1 when a safe case
// got worse; 2, with one line on stderr, for a usage mistake or an input that cannot be read,
// is not a lockstress summary, or shares no cell with the other.
int compare_command(const std::vector<std::string>& args);

}  // namespace lockstress
