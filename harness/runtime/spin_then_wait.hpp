#pragma once

#include <sched.h>

#include <algorithm>
#include <atomic>

#include "harness/protocol/start_line.hpp"
#include "lockstress/cpu_relax.hpp"

namespace lockstress {

// How many times to re-check before blocking, while every waiter has a CPU of its own. Long
// enough that a release arriving within a few microseconds is caught while spinning (so released
// threads start together); short enough that an idle runner soon stops burning its CPUs.
inline constexpr int kSpinChecks = 4096;
// The same when waiters outnumber CPUs: a spinning waiter then takes the CPU from a worker it is
// waiting for, so it gives up almost at once.
inline constexpr int kOversubscribedSpinChecks = 64;
// In StartLine::spin, a waiter yields its CPU after this many checks: a pure spin would wait out
// whole scheduler time slices when workers outnumber CPUs.
inline constexpr int kChecksPerYield = 1024;

struct WaitPolicy {
  StartLine start = StartLine::hybrid;
  int spin_checks = kSpinChecks;  // hybrid only
};

// The policy for `start` with `threads` waiters on `cpus` CPUs.
constexpr WaitPolicy wait_policy(StartLine start, int threads, int cpus) {
  return {start, threads <= cpus ? kSpinChecks : kOversubscribedSpinChecks};
}

// Returns the first value of `word` that differs from `old`, waiting as `policy` says.
template <class T>
T wait_while_equal(const std::atomic<T>& word, T old, WaitPolicy policy) {
  if (policy.start == StartLine::spin) {
    for (;;) {
      for (int i = 0; i < kChecksPerYield; ++i) {
        T now = word.load(std::memory_order_acquire);
        if (now != old) return now;
        cpu_relax();
      }
      sched_yield();
    }
  }
  const int checks = policy.start == StartLine::block ? 0 : policy.spin_checks;
  for (int i = 0; i < checks; ++i) {
    T now = word.load(std::memory_order_acquire);
    if (now != old) return now;
    cpu_relax();
  }
  for (;;) {
    T now = word.load(std::memory_order_acquire);
    if (now != old) return now;
    word.wait(old, std::memory_order_acquire);
  }
}

// Spins until `word` is at least `target`, never blocking: the start line's check-in (see
// WorkerPool). Yields the CPU every kChecksPerYield checks, or as often as `policy` spins before
// blocking when that is fewer (waiters outnumber CPUs: the workers it waits for need the CPU).
template <class T>
void spin_while_less(const std::atomic<T>& word, T target, WaitPolicy policy) {
  const int checks_per_yield = std::clamp(policy.spin_checks, 1, kChecksPerYield);
  for (;;) {
    for (int i = 0; i < checks_per_yield; ++i) {
      if (word.load(std::memory_order_acquire) >= target) return;
      cpu_relax();
    }
    sched_yield();
  }
}

// Spins briefly, then blocks: for waits that are not a trial's start line.
template <class T>
T spin_then_wait_while_equal(const std::atomic<T>& word, T old) {
  return wait_while_equal(word, old, WaitPolicy{});
}

}  // namespace lockstress
