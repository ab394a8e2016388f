#pragma once

#include <optional>
#include <vector>

#include "harness/summary/summary.hpp"

namespace lockstress {

// Whether the cell's detector caught the race its case declares: for a kind that names an
// expected report (tsan), a trial drew one; otherwise (plain) a trial lost updates.
bool race_detected(const CellPlan& plan, const Measurement& measured);

// A pure function (jcstress's TestGrading) of what a cell was asked, what it measured, and whether
// the positive control was detected in the same variant (nullopt: the control did not run there).
Grade grade_cell(const CellPlan& plan, const Measurement& measured,
                 std::optional<bool> control_detected);

// Sets every cell's grade, each against the control cell of its own variant: the one place a
// grade is made.
void grade_all(std::vector<CellResult>& cells);

}  // namespace lockstress
