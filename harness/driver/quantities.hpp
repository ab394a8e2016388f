#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lockstress {

// "30s", "1.5m", "2h", "500ms", or a bare number of seconds; nullopt unless positive and finite.
std::optional<double> parse_duration(std::string_view text);

// "0.05" or "5%": a fraction in (0, 1]; nullopt otherwise.
std::optional<double> parse_fraction(std::string_view text);

// Back to text that parse_duration reads as the same number of seconds: "30s", "0.5s".
std::string duration_text(double seconds);

}  // namespace lockstress
