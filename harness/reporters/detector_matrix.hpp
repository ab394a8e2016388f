#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "harness/summary/summary.hpp"

namespace lockstress {

// What one cell's detector saw, in the words of the matrix: "lost updates in 84/100",
// "data race in 200/200", "nothing (blind spot)", "MISSED: nothing in 0/100", "clean",
// "FAIL: lost updates in 3/100", "error".
std::string detector_outcome(const CellResult& cell);

// The lesson of the run in one table: one line per case and (threads, iterations) point, what
// each variant's detector saw (plain, TSan, the model), side by side. `rows[0]` is the header;
// `legend` says what each column counts. Built once; the console, Markdown and HTML render it.
struct DetectorMatrix {
  std::string legend;
  std::vector<std::vector<std::string>> rows;
};
DetectorMatrix detector_matrix(const Summary& summary);

// The matrix as the console prints it.
void write_detector_matrix(const Summary& summary, std::ostream& out);

}  // namespace lockstress
