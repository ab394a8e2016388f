#pragma once

#include <optional>
#include <string_view>

namespace lockstress {

// What the runner injects into each worker of each trial to vary the interleaving (--perturb).
// Every choice (which delay, how long, how often) is drawn from the trial's seed and the worker's
// number, so a trial's perturbation is reproducible; the timing it produces is not.
//   none:   nothing; the workload runs exactly as written, at no cost.
//   yield:  sched_yield() before the first iteration and at points every 64-4,096 iterations.
//   sleep:  a sleep of 0-100 us before the first iteration, 0-20 us at each point.
//   random: per worker and trial, a busy delay of 0-10 us at the start, and at each point
//           (every 16-4,096 iterations) nothing, a busy delay of 0-2 us, a yield or a sleep.
// Points are taken only by workloads that offer them (CounterWorkload does); any workload gets
// the start delay.
enum class Perturb { none, yield, sleep, random };

inline constexpr Perturb kAllPerturbs[] = {Perturb::none, Perturb::yield, Perturb::sleep,
                                           Perturb::random};

constexpr std::string_view to_string(Perturb perturb) {
  switch (perturb) {
    case Perturb::none:
      return "none";
    case Perturb::yield:
      return "yield";
    case Perturb::sleep:
      return "sleep";
    case Perturb::random:
      return "random";
  }
  return "?";
}

constexpr std::optional<Perturb> parse_perturb(std::string_view name) {
  for (Perturb perturb : kAllPerturbs) {
    if (to_string(perturb) == name) return perturb;
  }
  return std::nullopt;
}

}  // namespace lockstress
