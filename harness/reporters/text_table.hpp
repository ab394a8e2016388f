#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace lockstress {

enum class NumberAlignment { right, left };

// Prints rows as aligned columns, each as wide as its widest entry, two spaces apart, every entry
// as terminal text (escape.hpp). Numbers (entries starting with a digit) align right from the
// third column on, unless `numbers` says left; text aligns left. The first row is the header.
void print_table(const std::vector<std::vector<std::string>>& rows, std::ostream& out,
                 NumberAlignment numbers = NumberAlignment::right);

}  // namespace lockstress
