#pragma once

#include <optional>
#include <string_view>

namespace lockstress {

// How worker threads are placed on CPUs.
//   spread: worker i runs on the i-th CPU this process may use (wrapping around), so that as many
//           workers as there are CPUs truly run at once. Without it, a short run on a small machine
//           can keep every worker on one CPU (the scheduler places a woken thread beside its
//           waker and rebalances only every few milliseconds) and never lose an update.
//           Cores come before SMT siblings: one worker per physical core first, then the cores'
//           second hardware threads.
//   compact: the opposite: a core's SMT siblings are filled before the next core, so that
//           workers share a core's L1 and L2 (the tightest race windows, and the most
//           contention on the lock's cache line).
//   none:   the scheduler decides.
enum class Pin { none, spread, compact };

constexpr std::string_view to_string(Pin pin) {
  switch (pin) {
    case Pin::spread:
      return "spread";
    case Pin::compact:
      return "compact";
    case Pin::none:
      return "none";
  }
  return "?";
}

constexpr std::optional<Pin> parse_pin(std::string_view name) {
  for (Pin pin : {Pin::spread, Pin::compact, Pin::none}) {
    if (to_string(pin) == name) return pin;
  }
  return std::nullopt;
}

}  // namespace lockstress
