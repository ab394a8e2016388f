#pragma once

#include <vector>

#include "cases/unsafe_counter.hpp"
#include "lockstress/case.hpp"

namespace lockstress {

Case locked_counter_case();

// Every built-in case, in the order `lockstress list` shows them.
std::vector<Case> builtin_cases();

}  // namespace lockstress
