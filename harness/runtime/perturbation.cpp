// Perturbation's actions and the per-trial plans of --perturb (harness/protocol/perturb.hpp).

#include <sched.h>
#include <sys/prctl.h>
#include <time.h>

#include <chrono>

#include "harness/runtime/perturbation_plan.hpp"
#include "harness/runtime/spin_then_wait.hpp"
#include "harness/protocol/trial_seed.hpp"

namespace lockstress {
namespace {

constexpr std::int64_t kMicrosecond = 1000;
// A sleep inside a mixed point: long enough to let another thread run on this CPU.
constexpr std::int64_t kMixedSleepNs = 20 * kMicrosecond;

void sleep_for(std::int64_t ns) {
  // The default timer slack (50 us) would round every short sleep up to it.
  prctl(PR_SET_TIMERSLACK, 1000UL, 0UL, 0UL, 0UL);
  timespec ts{0, static_cast<long>(ns)};
  nanosleep(&ts, nullptr);
}

// 2^k iterations, k drawn uniformly from [low, high].
std::int64_t period_between(std::uint64_t draw, int low, int high) {
  return std::int64_t{1} << (low +
                             static_cast<int>(draw % static_cast<std::uint64_t>(high - low + 1)));
}

}  // namespace

void spin_for_ns(std::int64_t ns) {
  if (ns <= 0) return;
  const auto until = std::chrono::steady_clock::now() + std::chrono::nanoseconds(ns);
  while (std::chrono::steady_clock::now() < until) cpu_relax();
}

std::uint64_t Perturbation::next_random() {
  state_ = mix_seed(state_);
  return state_;
}

void Perturbation::act(Action action, std::int64_t max_ns) {
  const auto delay = [&] {
    return max_ns > 0
               ? static_cast<std::int64_t>(next_random() % static_cast<std::uint64_t>(max_ns))
               : 0;
  };
  switch (action) {
    case Action::nothing:
      return;
    case Action::spin:
      spin_for_ns(delay());
      return;
    case Action::yield:
      sched_yield();
      return;
    case Action::sleep:
      sleep_for(delay());
      return;
    case Action::mixed:
      switch (next_random() % 8) {
        case 4:
        case 5:
          spin_for_ns(delay());
          return;
        case 6:
          sched_yield();
          return;
        case 7:
          sleep_for(static_cast<std::int64_t>(next_random() % kMixedSleepNs));
          return;
        default:
          return;
      }
  }
}

void Perturbation::start() { act(start_, start_ns_); }

void Perturbation::point() { act(at_points_, point_ns_); }

Perturbation plan_perturbation(Perturb mode, std::uint64_t trial_seed, int worker) {
  using Action = Perturbation::Action;
  const std::uint64_t seed =
      mix_seed(trial_seed ^ mix_seed(static_cast<std::uint64_t>(worker) + 1));
  const std::uint64_t draw = mix_seed(seed);
  switch (mode) {
    case Perturb::none:
      return {};
    case Perturb::yield:
      return {Action::yield, 0, Action::yield, 0, period_between(draw, 6, 12), seed};
    case Perturb::sleep:
      return {Action::sleep,     100 * kMicrosecond,          Action::sleep,
              20 * kMicrosecond, period_between(draw, 6, 12), seed};
    case Perturb::random:
      return {Action::spin,     10 * kMicrosecond,           Action::mixed,
              2 * kMicrosecond, period_between(draw, 4, 12), seed};
  }
  return {};
}

}  // namespace lockstress
