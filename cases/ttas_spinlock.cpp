#include <atomic>

#include "cases/catalogue.hpp"
#include "cases/spin_wait.hpp"
#include "lockstress/lock_case.hpp"

namespace lockstress {
namespace {

// Test-and-test-and-set: waiters spin on a plain load, which stays in their own cache, and try the
// exchange only when the lock looks free, so a waiting thread does not steal the line from the
// holder on every spin.
class TtasSpinlock {
 public:
  void lock() {
    for (SpinWait wait;;) {
      if (!locked_.exchange(true, std::memory_order_acquire)) return;
      while (locked_.load(std::memory_order_relaxed)) wait.once();
    }
  }
  void unlock() { locked_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> locked_{false};
};

}  // namespace

Case ttas_spinlock_case() {
  return lock_case<TtasSpinlock>(
      "ttas_spinlock", "test-and-test-and-set spin lock (acquire exchange, release store)",
      // The relaxed load only decides when to try; the acquiring exchange that wins is what reads
      // the previous holder's release, so the lock orders every increment.
      Expect::safe, {}, kLockDefaults);
}

}  // namespace lockstress
