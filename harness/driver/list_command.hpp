#pragma once

#include <vector>

#include "harness/driver/program.hpp"

namespace lockstress {

// `lockstress list`: each case with its expectation, the parameters `run` gives it by default,
// in each of the program's kinds of detector, and its description, on stdout. Returns the exit
// code.
int list_cases(const Program& program);

}  // namespace lockstress
