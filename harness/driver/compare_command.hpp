#pragma once

#include "harness/driver/cli.hpp"

namespace lockstress {

// `lockstress compare BASE.json NEW.json [--alpha P]`: prints the comparison on stdout and returns
// the exit code: 0, or 1 when a safe case got worse; 2, with one line on stderr, for an input that
// cannot be read, is not a lockstress summary, or shares no cell with the other.
int compare_command(const CompareCommand& command);

}  // namespace lockstress
