#include "cases/catalogue.hpp"
#include "cases/tas_spinlock.hpp"
#include "lockstress/lock_case.hpp"

namespace lockstress {

Case spinlock_relaxed_case() {
  return lock_case<TasSpinlock<std::memory_order_relaxed, std::memory_order_relaxed>>(
      "spinlock_relaxed", "test-and-set spin lock with relaxed test_and_set and clear",
      // Mutual exclusion holds (the flag is still one atomic), but relaxed operations order nothing
      // else: the counter's accesses of two holders are a data race, and TSan, which checks
      // happens-before and not timing, reports it every time. Whether the plain build loses
      // updates is up to the compiler and the CPU: on x86 the flag's exchange is a locked
      // instruction, a full barrier whatever the source asked for, and with the increment kept
      // inside the lock by the compiler nothing is lost; a compiler that moves the increment out
      // (clang does, for a loop it can fold) or a weakly ordered CPU (Arm, POWER) loses updates.
      Expect::race_caught_by_tsan_only(
          "the hardware ordered the relaxed operations anyway: on x86 an atomic exchange is a full "
          "barrier, so this data race only shows on weakly ordered CPUs or when the compiler moves "
          "the increment out of the lock"),
      // 1,000 iterations, not the other spin locks' 10,000: TSan reports the race at every
      // handover of the lock, and printing them dominates (bench/README.md, "The built-in cases
      // at their defaults").
      {}, Defaults{.threads = 2, .iterations = 1'000, .trials = 100});
}

}  // namespace lockstress
