#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace lockstress {

// What ended a cell.
//   trials:          it ran every trial asked (the fixed design every interval assumes).
//   duration:        its share of --duration ran out.
//   first_detection: --stop-on-detect, a race cell's first detection.
//   first_failure:   --stop-on-detect, a safe cell's first failed trial.
//   ci_width:        --until-ci-width, every interval it shows became narrow enough.
enum class StopReason { trials, duration, first_detection, first_failure, ci_width };

inline constexpr StopReason kAllStopReasons[] = {StopReason::trials, StopReason::duration,
                                                 StopReason::first_detection,
                                                 StopReason::first_failure, StopReason::ci_width};

constexpr std::string_view to_string(StopReason reason) {
  switch (reason) {
    case StopReason::trials:
      return "trials";
    case StopReason::duration:
      return "duration";
    case StopReason::first_detection:
      return "first detection";
    case StopReason::first_failure:
      return "first failure";
    case StopReason::ci_width:
      return "ci width";
  }
  return "?";
}

constexpr std::optional<StopReason> parse_stop_reason(std::string_view name) {
  for (StopReason reason : kAllStopReasons) {
    if (to_string(reason) == name) return reason;
  }
  return std::nullopt;
}

// When a run's cells stop, beyond --trials (which always caps them).
struct StoppingRule {
  std::optional<double> duration_seconds;  // --duration: the whole run's time budget
  std::optional<double> ci_width;          // --until-ci-width
  bool stop_on_detect = false;             // --stop-on-detect

  // Whether any rule beyond --trials applies (what the summary then states, with its meaning).
  bool any() const { return duration_seconds || ci_width || stop_on_detect; }
  bool operator==(const StoppingRule&) const = default;
};

}  // namespace lockstress
