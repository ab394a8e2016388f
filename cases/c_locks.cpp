#include "cases/c_locks.h"

#include <pthread.h>

#include "cases/catalogue.hpp"
#include "lockstress/c_lock.hpp"

namespace lockstress {

Case c_spinlock_case() {
  return c_lock_case<c_spin_lock, c_spin_unlock>(
      "c_spinlock", "a C test-and-set spin lock (cases/c_locks.c), through c_lock_case",
      // The same acquire exchange and release store as `spinlock`, compiled as C.
      Expect::safe, {}, kLockDefaults);
}

Case c_try_spinlock_case() {
  return c_try_lock_case<c_spin_trylock, c_spin_unlock>(
      "c_try_spinlock", "the C spin lock taken by trylock loops, through c_try_lock_case",
      // A successful exchange from 0 to 1 is the only way in.
      Expect::safe, {}, kLockDefaults);
}

Case c_check_then_set_case() {
  return c_try_lock_case<c_check_then_set_trylock, c_spin_unlock>(
      "c_check_then_set", "a C trylock that checks the lock is free, then sets it: not atomic",
      // Two threads can both see it free and both succeed: lost updates, and a data race, and a
      // model schedule that switches between the check and the set.
      Expect::race_caught_by_both().caught_by_model_too(), {}, kLockDefaults);
}

Case pthread_rwlock_case() {
  return c_shared_lock_case<pthread_rwlock_wrlock, pthread_rwlock_unlock, pthread_rwlock_rdlock,
                            pthread_rwlock_unlock, pthread_rwlock_init, pthread_rwlock_destroy>(
      "pthread_rwlock", "POSIX pthread_rwlock_t, writers and readers, through c_shared_lock_case",
      // glibc's reader-writer lock, which TSan intercepts.
      Expect::safe, {2, kMaxThreads}, kLockDefaults);
}

}  // namespace lockstress
