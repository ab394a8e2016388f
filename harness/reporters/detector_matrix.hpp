#pragma once

#include <ostream>
#include <string>

#include "harness/summary/summary.hpp"

namespace lockstress {

// What one cell's detector saw, in the words of the matrix: "lost updates in 84/100",
// "data race in 200/200", "nothing (blind spot)", "MISSED: nothing in 0/100", "clean",
// "FAIL: lost updates in 3/100", "error".
std::string detector_outcome(const CellResult& cell);

// The lesson of the run in one table: one line per case and (threads, iterations) point, what
// the plain build and what TSan saw, side by side.
void write_detector_matrix(const Summary& summary, std::ostream& out);

}  // namespace lockstress
