#include <mutex>

#include "cases/catalogue.hpp"
#include "lockstress/lock_case.hpp"

namespace lockstress {
namespace {

// Takes the recursive mutex twice and releases it twice, so that its recursion count is exercised
// and not only its first acquisition: the lock is held until the outer unlock.
class TwiceLockedRecursiveMutex {
 public:
  void lock() {
    mutex_.lock();
    mutex_.lock();
  }
  void unlock() {
    mutex_.unlock();
    mutex_.unlock();
  }

 private:
  std::recursive_mutex mutex_;
};

}  // namespace

Case std_recursive_mutex_case() {
  return lock_case<TwiceLockedRecursiveMutex>(
      "std_recursive_mutex", "std::recursive_mutex, locked twice and unlocked twice per increment",
      // The owner's second lock only counts up; the mutex is released by the last unlock, which
      // the next owner's lock reads: every increment is ordered.
      Expect::safe, {}, kLockDefaults);
}

}  // namespace lockstress
