#include "harness/driver/quantities.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace lockstress {
namespace {

// A whole or decimal number that fills `text`.
std::optional<double> parse_decimal(std::string_view text) {
  double value = 0;
  auto [ptr, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::optional<double> parse_duration(std::string_view text) {
  struct Unit {
    std::string_view suffix;
    double seconds;
  };
  // "ms" before "s": the longer suffix wins.
  for (Unit unit : {Unit{"ms", 1e-3}, Unit{"s", 1}, Unit{"m", 60}, Unit{"h", 3600}, Unit{"", 1}}) {
    if (!ends_with(text, unit.suffix)) continue;
    std::optional<double> value = parse_decimal(text.substr(0, text.size() - unit.suffix.size()));
    if (!value) return std::nullopt;
    const double seconds = *value * unit.seconds;
    if (!(seconds >= kMinDurationSeconds && seconds <= kMaxDurationSeconds)) return std::nullopt;
    return seconds;
  }
  return std::nullopt;
}

std::optional<double> parse_fraction(std::string_view text) {
  const bool percent = ends_with(text, "%");
  std::optional<double> value = parse_decimal(percent ? text.substr(0, text.size() - 1) : text);
  if (!value) return std::nullopt;
  const double fraction = percent ? *value / 100 : *value;
  if (fraction <= 0 || fraction > 1) return std::nullopt;
  return fraction;
}

std::string duration_text(double seconds) {
  // Fixed notation, shortest round trip: within the accepted range it is at most ~30 characters.
  char buffer[400];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, seconds, std::chars_format::fixed);
  if (ec != std::errc()) return "invalid";
  return std::string(buffer, end) + "s";
}

}  // namespace lockstress
