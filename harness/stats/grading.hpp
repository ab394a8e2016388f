#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/summary/summary.hpp"

namespace lockstress {

// Whether `cell`'s variant caught a race in it: plain, a trial lost updates; tsan, a trial drew a
// report of the kind the case expects (a data race, unless it says otherwise).
bool race_detected(const CellResult& cell);

struct Grade {
  Verdict verdict = Verdict::inconclusive;
  std::vector<std::string> reasons;
};

// A pure function of one cell's counts, its case's expectation, and whether the positive control
// was detected in the same variant (nullopt: the control did not run there).
Grade grade_cell(const CellResult& cell, std::optional<bool> control_detected);

// Grades every cell, each against the control cell of its own variant.
void grade_all(std::vector<CellResult>& cells);

}  // namespace lockstress
