#include <atomic>

#include "lockstress/lock_case.hpp"
#include "tests/faults/faults.hpp"

namespace lockstress::faults {
namespace {

// Checks that the lock is free, then takes it, in two steps: two threads can both see it free and
// both enter, so the counter loses updates and TSan reports it.
class CheckThenSetLock {
 public:
  void lock() {
    // Spinning without a pause keeps both threads at the check, so both often see it free.
    while (held_.load(std::memory_order_acquire)) {
    }
    held_.store(true, std::memory_order_relaxed);
  }
  void unlock() { held_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> held_{false};
};

}  // namespace

Case broken_lock_case() {
  return lock_case<CheckThenSetLock>(
      "broken_lock", "a check-then-set lock declared safe: fails in most trials", Expect::safe);
}

}  // namespace lockstress::faults
