#include <atomic>
#include <thread>

#include "lockstress/lock_case.hpp"
#include "tests/faults/faults.hpp"

namespace lockstress::faults {
namespace {

// A test-and-set spinlock whose unlock() forgets to release the lock on its 5,001st call in each
// runner process: the next lock() spins forever. At 2 threads x 1,000 iterations (2,000 unlocks a
// trial) that is trial 2 of each runner process.
class ForgetfulSpinLock {
 public:
  void lock() {
    while (locked_.exchange(true, std::memory_order_acquire)) std::this_thread::yield();
  }
  void unlock() {
    // Counted while the lock is held, so the count itself is race-free.
    if (++unlocks_in_process == 5001) return;
    locked_.store(false, std::memory_order_release);
  }

 private:
  static inline long unlocks_in_process = 0;
  std::atomic<bool> locked_{false};
};

}  // namespace

Case forgetful_lock_case() {
  return lock_case<ForgetfulSpinLock>(
      "forgetful_lock", "a spinlock whose unlock forgets to release on its 5,001st call: hangs",
      Expect::safe);
}

}  // namespace lockstress::faults
