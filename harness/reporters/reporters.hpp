#pragma once

#include <ostream>

#include "harness/summary/summary.hpp"

namespace lockstress {

// Every reporter reads the finished summary and writes one format; none changes anything.

// The aligned table, the reasons behind each verdict, the unique reports, and a rerun line.
void write_console(const Summary& summary, std::ostream& out);

// lockstress.summary/1, the format merge and compare read back (see README, "JSON summary").
void write_json(const Summary& summary, std::ostream& out);

}  // namespace lockstress
