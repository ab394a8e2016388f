#pragma once

#include <sstream>
#include <string>

namespace lockstress::testing {

// "" when the texts are equal; otherwise the first line where they differ, both sides shown.
// (gtest would print both texts whole, which for a summary is thousands of lines.)
inline std::string first_difference(const std::string& expected, const std::string& actual) {
  if (expected == actual) return "";
  std::istringstream e(expected), a(actual);
  std::string expected_line, actual_line;
  int line = 1;
  for (;;) {
    const bool more_expected = static_cast<bool>(std::getline(e, expected_line));
    const bool more_actual = static_cast<bool>(std::getline(a, actual_line));
    if (!more_expected) expected_line = "<end>";
    if (!more_actual) actual_line = "<end>";
    if (expected_line != actual_line || (!more_expected && !more_actual)) break;
    ++line;
  }
  return "line " + std::to_string(line) + ":\n  expected: " + expected_line +
         "\n  actual:   " + actual_line;
}

}  // namespace lockstress::testing
