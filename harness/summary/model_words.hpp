#pragma once

#include <string>
#include <vector>

#include "harness/summary/summary.hpp"

namespace lockstress {

// A model cell's schedules in words, for the console's "Why" and Markdown: one line on how the
// scheduler worked (steps, hand-offs, fair fallbacks), and for a cell with failing schedules the
// command that replays the first kept one that lost or tore updates or deadlocked, else the first.
// Empty for a cell of another variant.
std::vector<std::string> model_lines(const Context& context, const CellResult& cell);

}  // namespace lockstress
