#include "cases/c_locks.h"

#include <sched.h>

void c_spin_lock(c_spinlock* lock) {
  for (int spins = 0; __atomic_exchange_n(&lock->held, 1, __ATOMIC_ACQUIRE); ++spins) {
    if (spins > 256) sched_yield();
  }
}

void c_spin_unlock(c_spinlock* lock) { __atomic_store_n(&lock->held, 0, __ATOMIC_RELEASE); }

bool c_spin_trylock(c_spinlock* lock) {
  return __atomic_exchange_n(&lock->held, 1, __ATOMIC_ACQUIRE) == 0;
}

bool c_check_then_set_trylock(c_spinlock* lock) {
  if (__atomic_load_n(&lock->held, __ATOMIC_ACQUIRE)) return 0;
  __atomic_store_n(&lock->held, 1, __ATOMIC_RELAXED);
  return 1;
}
