#pragma once

#include <string>
#include <vector>

#include "harness/summary/summary.hpp"

namespace lockstress {

// A cell's grade in words: one line per finding, in order. Every reporter prints these (the
// console's "Why", the JSON's `reasons`, Markdown, JUnit, HTML); none words a finding itself.
std::vector<std::string> reasons(const CellResult& cell);

// One finding of `cell`'s grade in words.
std::string reason(const CellResult& cell, const Finding& finding);

// "hung in trial 2 (seed 42): no progress for 60.0 s (the watchdog limit)", and a crash's last
// two lines of output.
std::string fault_text(const TrialFault& fault);

}  // namespace lockstress
