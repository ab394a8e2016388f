#include "sanitizers/model/handoff.hpp"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sanitizers/model/real.hpp"

LOCKSTRESS_MODEL_INTERCEPTOR(syscall);

namespace lockstress::model {
namespace {

// The word's values: 0 not set, 1 set, 2 not set and its waiter asleep in the futex (so that a
// hand-off to a thread still spinning costs no system call).
constexpr std::uint32_t kSet = 1;
constexpr std::uint32_t kSleeping = 2;

// Spins before sleeping in the futex; see bench/README.md for the hand-off cost.
constexpr int kSpins = 2000;

void pause_cpu() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

}  // namespace

void wait_until_set(std::atomic<std::uint32_t>& word) {
  for (int i = 0; i < kSpins; ++i) {
    if (word.load(std::memory_order_acquire) == kSet) return;
    pause_cpu();
  }
  for (;;) {
    std::uint32_t seen = 0;
    if (!word.compare_exchange_strong(seen, kSleeping, std::memory_order_acquire) && seen == kSet) {
      return;
    }
    LOCKSTRESS_MODEL_REAL(syscall)
    (SYS_futex, &word, FUTEX_WAIT_PRIVATE, kSleeping, nullptr, nullptr, 0);
    if (word.load(std::memory_order_acquire) == kSet) return;
  }
}

void set_and_wake(std::atomic<std::uint32_t>& word) {
  if (word.exchange(kSet, std::memory_order_acq_rel) == kSleeping) {
    LOCKSTRESS_MODEL_REAL(syscall)(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
  }
}

}  // namespace lockstress::model
