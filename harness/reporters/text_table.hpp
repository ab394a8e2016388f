#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace lockstress {

// Prints rows as aligned columns, each as wide as its widest entry, two spaces apart. Numbers
// (entries starting with a digit) align right from the third column on, text aligns left; the
// first row is the header.
void print_table(const std::vector<std::vector<std::string>>& rows, std::ostream& out);

}  // namespace lockstress
