#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "harness/base/result.hpp"

namespace lockstress {

// The numbers a user types on the command line, read strictly: the whole text must be the number,
// and one outside its range is an Error saying so. Messages do not name the option: the caller
// puts "--option: " in front.

// The durations --duration takes: from a millisecond to about 31 years. Outside them a budget is
// a mistake, and its text would not survive the rerun line (duration_text).
inline constexpr double kMinDurationSeconds = 1e-3;
inline constexpr double kMaxDurationSeconds = 1e9;

// A whole number from `min` to `max`.
template <class Int>
Result<Int> parse_whole_number(std::string_view text, Int min, Int max) {
  Int value{};
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string range =
      " is out of range (" + std::to_string(min) + " to " + std::to_string(max) + ")";
  if (ec == std::errc::result_out_of_range) return Error{std::string(text) + range};
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) {
    return Error{"'" + std::string(text) + "' is not a whole number"};
  }
  if (value < min || value > max) return Error{std::string(text) + range};
  return value;
}

// {"2,4", "8"} -> {2, 4, 8}: an option given as lists, repeated or both. Each number is checked
// like a single one; repeats are dropped, the order kept.
template <class Int>
Result<std::vector<Int>> parse_number_list(const std::vector<std::string>& texts, Int min,
                                           Int max) {
  std::vector<Int> values;
  for (const std::string& text : texts) {
    for (std::size_t start = 0;;) {
      const std::size_t comma = text.find(',', start);
      Result<Int> value =
          parse_whole_number<Int>(std::string_view(text).substr(start, comma - start), min, max);
      if (!value) return value.error();
      if (std::find(values.begin(), values.end(), *value) == values.end()) values.push_back(*value);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return values;
}

// A number of seconds from 0 to `max`, decimals allowed ("0.5").
Result<double> parse_seconds(std::string_view text, double max);

// "30s", "1.5m", "2h", "500ms", or a bare number of seconds, from kMinDurationSeconds to
// kMaxDurationSeconds.
Result<double> parse_duration(std::string_view text);

// "0.05" or "5%": a fraction in (0, 1].
Result<double> parse_fraction(std::string_view text);

// Back to text that parse_duration reads as exactly the same number of seconds: "30s", "0.5s",
// "1234567s" (the shortest such decimal, never an exponent).
std::string duration_text(double seconds);

}  // namespace lockstress
