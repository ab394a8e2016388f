/* Locks with a C interface, compiled as C by lockstress_add_runner with each variant's flags:
 * the built-in cases of the C path (cases/c_locks.cpp uses them through c_lock_case and
 * c_try_lock_case, with no wrapper class). */
#ifndef LOCKSTRESS_CASES_C_LOCKS_H
#define LOCKSTRESS_CASES_C_LOCKS_H

#ifdef __cplusplus
extern "C" {
#else
#include <stdbool.h>
#endif

/* A test-and-set spin lock with C11 atomics: acquire exchange, release store. */
typedef struct {
  unsigned char held; /* accessed with __atomic builtins only */
} c_spinlock;

void c_spin_lock(c_spinlock* lock);
void c_spin_unlock(c_spinlock* lock);
/* Nonzero (true) when taken. */
bool c_spin_trylock(c_spinlock* lock);
/* Broken: checks that the lock is free, then takes it, in two steps. */
bool c_check_then_set_trylock(c_spinlock* lock);

#ifdef __cplusplus
}
#endif

#endif
