#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lockstress {

// The durations --duration takes: from a millisecond to about 31 years. Outside them a budget is
// a mistake, and its text would not survive the rerun line (duration_text).
inline constexpr double kMinDurationSeconds = 1e-3;
inline constexpr double kMaxDurationSeconds = 1e9;

// "30s", "1.5m", "2h", "500ms", or a bare number of seconds; nullopt unless it comes to
// kMinDurationSeconds to kMaxDurationSeconds.
std::optional<double> parse_duration(std::string_view text);

// "0.05" or "5%": a fraction in (0, 1]; nullopt otherwise.
std::optional<double> parse_fraction(std::string_view text);

// Back to text that parse_duration reads as exactly the same number of seconds: "30s", "0.5s",
// "1234567s" (the shortest such decimal, never an exponent).
std::string duration_text(double seconds);

}  // namespace lockstress
