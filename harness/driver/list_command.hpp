#pragma once

#include <vector>

#include "lockstress/case.hpp"

namespace lockstress {

// `lockstress list`: each case with its expectation, the parameters `run` gives it by default,
// and its description, on stdout. Returns the exit code.
int list_cases(const std::vector<Case>& cases);

}  // namespace lockstress
