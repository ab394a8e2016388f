#include "cases/catalogue.hpp"
#include "cases/tas_spinlock.hpp"
#include "lockstress/lock_case.hpp"

namespace lockstress {

Case spinlock_case() {
  return lock_case<TasSpinlock<std::memory_order_acquire, std::memory_order_release>>(
      "spinlock", "test-and-set spin lock: acquire on lock, release on unlock",
      // The acquiring test_and_set reads the releasing clear of the previous holder: every
      // increment happens after the previous one, on any CPU, and TSan sees that edge.
      Expect::safe, {}, kLockDefaults);
}

}  // namespace lockstress
