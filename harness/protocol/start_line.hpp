#pragma once

#include <optional>
#include <string_view>

namespace lockstress {

// How a worker waits at the start line of a trial (and the caller at its finish line). Whichever
// way it waited, once released a worker checks in and no worker begins until all have (the start
// line's second phase, WorkerPool), so a sleeper's wake-up delays the trial, not one worker.
//   spin:   re-check without ever blocking (yielding the CPU now and then, so that a machine with
//           more workers than CPUs still makes progress). Fastest release, burns a CPU per waiter.
//   block:  sleep on a futex at once; the releaser wakes every sleeper (tens of microseconds each).
//   hybrid: spin for a bounded time, then block. The bound depends on the machine: long while
//           every worker has a CPU of its own, short when workers outnumber CPUs, where a spinning
//           waiter only delays the workers it waits for.
enum class StartLine { spin, block, hybrid };

inline constexpr StartLine kAllStartLines[] = {StartLine::spin, StartLine::block,
                                               StartLine::hybrid};

constexpr std::string_view to_string(StartLine start) {
  switch (start) {
    case StartLine::spin:
      return "spin";
    case StartLine::block:
      return "block";
    case StartLine::hybrid:
      return "hybrid";
  }
  return "?";
}

constexpr std::optional<StartLine> parse_start_line(std::string_view name) {
  for (StartLine start : kAllStartLines) {
    if (to_string(start) == name) return start;
  }
  return std::nullopt;
}

}  // namespace lockstress
