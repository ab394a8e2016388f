#include "harness/driver/quantities.hpp"

#include <cmath>
#include <optional>

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

Result<double> parse_seconds(std::string_view text, double max) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty() ||
      !std::isfinite(value)) {
    return Error{"'" + std::string(text) + "' is not a number of seconds"};
  }
  if (value < 0 || value > max) {
    return Error{std::string(text) + " is out of range (0 to " +
                 std::to_string(static_cast<std::int64_t>(max)) + " seconds)"};
  }
  return value;
}

Result<double> parse_duration(std::string_view text) {
  const Error wrong{"'" + std::string(text) +
                    "' is not a duration from 1ms to 1000000000s (30s, 2m, 500ms)"};
  struct Unit {
    std::string_view suffix;
    double seconds;
  };
  // "ms" before "s": the longer suffix wins.
  for (Unit unit : {Unit{"ms", 1e-3}, Unit{"s", 1}, Unit{"m", 60}, Unit{"h", 3600}, Unit{"", 1}}) {
    if (!ends_with(text, unit.suffix)) continue;
    std::optional<double> value = parse_decimal(text.substr(0, text.size() - unit.suffix.size()));
    if (!value) return wrong;
    const double seconds = *value * unit.seconds;
    if (!(seconds >= kMinDurationSeconds && seconds <= kMaxDurationSeconds)) return wrong;
    return seconds;
  }
  return wrong;
}

Result<double> parse_fraction(std::string_view text) {
  const Error wrong{"'" + std::string(text) + "' is not a width between 0 and 1 (0.05 or 5%)"};
  const bool percent = ends_with(text, "%");
  std::optional<double> value = parse_decimal(percent ? text.substr(0, text.size() - 1) : text);
  // '1e-5' is between 0 and 1: saying it is not would send the user looking for the wrong fault.
  if (!value) {
    return Error{"'" + std::string(text) + "' is not a decimal number (0.05 or 5%, no exponent)"};
  }
  const double fraction = percent ? *value / 100 : *value;
  if (fraction <= 0 || fraction > 1) return wrong;
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
