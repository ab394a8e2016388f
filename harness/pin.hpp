#pragma once

#include <optional>
#include <string_view>

namespace lockstress {

// How worker threads are placed on CPUs.
//   spread: worker i runs on the i-th CPU this process may use (wrapping around), so that as many
//           workers as there are CPUs truly run at once. Without it, a short run on a small machine
//           can keep every worker on one CPU (the scheduler places a woken thread beside its
//           waker and rebalances only every few milliseconds) and never lose an update.
//   none:   the scheduler decides.
enum class Pin { none, spread };

constexpr std::string_view to_string(Pin pin) { return pin == Pin::spread ? "spread" : "none"; }

constexpr std::optional<Pin> parse_pin(std::string_view name) {
  if (name == "spread") return Pin::spread;
  if (name == "none") return Pin::none;
  return std::nullopt;
}

}  // namespace lockstress
