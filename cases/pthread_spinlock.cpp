#include <pthread.h>

#include "cases/catalogue.hpp"
#include "lockstress/lock_case.hpp"

namespace lockstress {
namespace {

class PthreadSpinlock {
 public:
  PthreadSpinlock() { pthread_spin_init(&lock_, PTHREAD_PROCESS_PRIVATE); }
  ~PthreadSpinlock() { pthread_spin_destroy(&lock_); }
  PthreadSpinlock(const PthreadSpinlock&) = delete;
  PthreadSpinlock& operator=(const PthreadSpinlock&) = delete;
  void lock() { pthread_spin_lock(&lock_); }
  void unlock() { pthread_spin_unlock(&lock_); }

 private:
  pthread_spinlock_t lock_;
};

}  // namespace

Case pthread_spinlock_case() {
  return lock_case<PthreadSpinlock>(
      "pthread_spinlock", "POSIX pthread_spinlock_t (pthread_spin_lock / pthread_spin_unlock)",
      // The C library's spin lock: acquire and release semantics, and TSan intercepts it. It never
      // yields, so it runs with no more threads than this machine has CPUs by default.
      Expect::safe, {}, kLockDefaults);
}

}  // namespace lockstress
