#include <semaphore>

#include "cases/catalogue.hpp"
#include "lockstress/lock_case.hpp"

namespace lockstress {
namespace {

// A C++20 binary semaphore used as a lock: acquire takes the one permit, release returns it.
class SemaphoreLock {
 public:
  void lock() { permit_.acquire(); }
  void unlock() { permit_.release(); }

 private:
  std::binary_semaphore permit_{1};
};

}  // namespace

Case binary_semaphore_case() {
  Case c = lock_case<SemaphoreLock>(
      "binary_semaphore", "std::binary_semaphore(1) as a lock: acquire() / release()",
      // release() synchronizes with the acquire() that takes the permit (libstdc++: an atomic
      // counter and a futex, both visible to TSan), so the increments are ordered.
      Expect::safe, {}, kLockDefaults);
  // Not in the default run: libstdc++ 12's acquire() can sleep forever with the permit free (a
  // worker in futex_wait with the counter at 1; docs/cases.md says how often). Its wait spins on
  // the counter, fails, then waits for the counter to change from the value it loaded before
  // spinning; when the holder released in between, that stale value is the current one and
  // nothing wakes it. The watchdog stops such a trial and fails the cell as hung, but a bug in
  // the platform's library must not fail the default run one run in six.
  c.runs_by_default = false;
  return c;
}

}  // namespace lockstress
