#pragma once

#include <atomic>

namespace lockstress {

// How many times to re-check before blocking. Long enough that a release arriving within a few
// microseconds is caught while spinning (so released threads start together); short enough that
// an oversubscribed machine does not burn its CPUs on waiters.
inline constexpr int kSpinChecks = 4096;

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

// Returns the first value of `word` that differs from `old`, spinning briefly, then blocking.
template <class T>
T spin_then_wait_while_equal(const std::atomic<T>& word, T old) {
  for (int i = 0; i < kSpinChecks; ++i) {
    T now = word.load(std::memory_order_acquire);
    if (now != old) return now;
    cpu_relax();
  }
  for (;;) {
    word.wait(old, std::memory_order_acquire);
    T now = word.load(std::memory_order_acquire);
    if (now != old) return now;
  }
}

}  // namespace lockstress
