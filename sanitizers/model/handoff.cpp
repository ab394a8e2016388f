#include "sanitizers/model/handoff.hpp"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sanitizers/model/real.hpp"

LOCKSTRESS_MODEL_INTERCEPTOR(syscall);

namespace lockstress::model {
namespace {

// Spins before sleeping in the futex; see bench/README.md for the hand-off cost it buys.
constexpr int kSpins = 2000;

void pause_cpu() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

}  // namespace

void wait_until_set(const std::atomic<std::uint32_t>& word) {
  for (int i = 0; i < kSpins; ++i) {
    if (word.load(std::memory_order_acquire) != 0) return;
    pause_cpu();
  }
  while (word.load(std::memory_order_acquire) == 0) {
    LOCKSTRESS_MODEL_REAL(syscall)(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, nullptr, nullptr, 0);
  }
}

void set_and_wake(std::atomic<std::uint32_t>& word) {
  word.store(1, std::memory_order_release);
  LOCKSTRESS_MODEL_REAL(syscall)(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
}

}  // namespace lockstress::model
