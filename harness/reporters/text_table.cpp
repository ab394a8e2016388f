#include "harness/reporters/text_table.hpp"

#include <algorithm>
#include <cctype>

#include "harness/reporters/escape.hpp"

namespace lockstress {

void print_table(const std::vector<std::vector<std::string>>& raw, std::ostream& out,
                 NumberAlignment numbers) {
  // A cell may hold a summary's case name: a line feed or an escape sequence in it must not
  // reach the terminal.
  std::vector<std::vector<std::string>> rows = raw;
  for (auto& row : rows) {
    for (std::string& entry : row) entry = terminal_text(entry);
  }
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    width.resize(std::max(width.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      const bool numeric = numbers == NumberAlignment::right && !row[i].empty() &&
                           (std::isdigit(static_cast<unsigned char>(row[i][0])) != 0);
      const std::string pad(width[i] - row[i].size(), ' ');
      line += numeric && i > 1 ? pad + row[i] : row[i] + pad;
      if (i + 1 < row.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
}

}  // namespace lockstress
