#include "ck_shim.h"

#include <ck_spinlock.h>

_Static_assert(sizeof(ck_mcs_node) == sizeof(struct ck_spinlock_mcs), "an MCS node");
_Static_assert(sizeof(ck_clh_node) == sizeof(struct ck_spinlock_clh), "a CLH node");

void ck_mcs_take(ck_mcs_lock* lock, ck_mcs_node* node) {
  ck_spinlock_mcs_lock((struct ck_spinlock_mcs**)&lock->tail, (struct ck_spinlock_mcs*)node);
}

void ck_mcs_give(ck_mcs_lock* lock, ck_mcs_node* node) {
  ck_spinlock_mcs_unlock((struct ck_spinlock_mcs**)&lock->tail, (struct ck_spinlock_mcs*)node);
}

void ck_clh_init(ck_clh_lock* lock) {
  ck_spinlock_clh_init((struct ck_spinlock_clh**)&lock->tail,
                       (struct ck_spinlock_clh*)&lock->unowned);
}

void ck_clh_take(ck_clh_lock* lock, ck_clh_thread* thread) {
  if (thread->current == 0) thread->current = &thread->own;
  ck_spinlock_clh_lock((struct ck_spinlock_clh**)&lock->tail,
                       (struct ck_spinlock_clh*)thread->current);
}

void ck_clh_give(ck_clh_lock* lock, ck_clh_thread* thread) {
  (void)lock;
  ck_spinlock_clh_unlock((struct ck_spinlock_clh**)&thread->current);
}
