// pthread's threads, mutexes, condition variables, rwlocks and spin locks, interposed from the
// executable (libstdc++'s std::thread, std::mutex, std::condition_variable and std::shared_mutex
// call these). On a schedule's thread each is the model's own; elsewhere, the real one.

#include <pthread.h>

#include <cerrno>
#include <climits>

#include "sanitizers/model/blocking.hpp"
#include "sanitizers/model/handoff.hpp"
#include "sanitizers/model/real.hpp"

LOCKSTRESS_MODEL_INTERCEPTOR(pthread_create);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_join);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_detach);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_exit);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_mutex_lock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_mutex_trylock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_mutex_timedlock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_mutex_clocklock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_mutex_unlock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_cond_wait);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_cond_timedwait);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_cond_clockwait);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_cond_signal);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_cond_broadcast);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_rwlock_rdlock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_rwlock_tryrdlock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_rwlock_timedrdlock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_rwlock_clockrdlock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_rwlock_wrlock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_rwlock_trywrlock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_rwlock_timedwrlock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_rwlock_clockwrlock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_rwlock_unlock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_spin_lock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_spin_trylock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_spin_unlock);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_barrier_wait);

using namespace lockstress::model;

#define PC reinterpret_cast<std::uintptr_t>(__builtin_return_address(0))

namespace {

MutexKind kind_of(const pthread_mutex_t* mutex) {
  // glibc's own field (bits/struct_mutex.h); PTHREAD_MUTEX_RECURSIVE_NP == 1, ERRORCHECK == 2.
  switch (mutex->__data.__kind & 3) {
    case PTHREAD_MUTEX_RECURSIVE_NP:
      return MutexKind::recursive;
    case PTHREAD_MUTEX_ERRORCHECK_NP:
      return MutexKind::errorcheck;
    default:
      return MutexKind::normal;
  }
}

const void* spin_key(const volatile pthread_spinlock_t* lock) {
  return reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(lock));
}

void* child_main(void* argument) {
  ModelThread& self = *static_cast<ModelThread*>(argument);
  set_current_thread(&self);
  wait_until_set(self.go);
  void* result = self.start(self.arg);
  self.result = result;
  set_current_thread(nullptr);
  self.schedule->finish(self);  // after this, `self` may be gone
  return result;
}

}  // namespace

extern "C" int pthread_create(pthread_t* thread, const pthread_attr_t* attr, void* (*start)(void*),
                              void* arg) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_create)(thread, attr, start, arg);
  Schedule& s = *self->schedule;
  enter_call(*self, "pthread_create", nullptr);
  ModelThread& child = s.add_thread();
  child.start = start;
  child.arg = arg;
  child.memory.clock.join(self->memory.clock);
  self->memory.clock.tick(self->id);
  if (int error = LOCKSTRESS_MODEL_REAL(pthread_create)(&child.os, attr, &child_main, &child)) {
    child.state = ThreadState::finished;
    return error;
  }
  s.record(*self, Op::spawn).value = static_cast<unsigned>(child.id);
  *thread = child.os;
  return 0;
}

extern "C" int pthread_join(pthread_t thread, void** result) {
  const EntryGuard self;
  ModelThread* child = self ? self->schedule->find(thread) : nullptr;
  if (child == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_join)(thread, result);
  Schedule& s = *self->schedule;
  enter_call(*self, "pthread_join", child);
  while (child->state != ThreadState::finished) s.block(*self, "pthread_join", child, -1, PC);
  self->memory.clock.join(child->memory.clock);
  child->joined = true;
  if (result) *result = child->result;
  // The OS thread has left the model; it exits without waiting for anything.
  return LOCKSTRESS_MODEL_REAL(pthread_join)(thread, nullptr);
}

extern "C" int pthread_detach(pthread_t thread) {
  if (const EntryGuard self; self != nullptr) {
    if (ModelThread* child = self->schedule->find(thread)) child->detached = true;
  }
  return LOCKSTRESS_MODEL_REAL(pthread_detach)(thread);
}

extern "C" void pthread_exit(void* result) {
  if (const EntryGuard self; self != nullptr) {
    self->result = result;
    set_current_thread(nullptr);
    self->schedule->finish(*self);
  }
  LOCKSTRESS_MODEL_REAL(pthread_exit)(result);
  __builtin_unreachable();
}

extern "C" int pthread_mutex_lock(pthread_mutex_t* m) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_mutex_lock)(m);
  return lock_mutex(*self, m, kind_of(m), false, -1, "pthread_mutex_lock", PC);
}

extern "C" int pthread_mutex_trylock(pthread_mutex_t* m) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_mutex_trylock)(m);
  return lock_mutex(*self, m, kind_of(m), true, -1, "pthread_mutex_trylock", PC);
}

extern "C" int pthread_mutex_timedlock(pthread_mutex_t* m, const timespec* t) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_mutex_timedlock)(m, t);
  return lock_mutex(*self, m, kind_of(m), false, virtual_deadline(t), "pthread_mutex_timedlock",
                    PC);
}

extern "C" int pthread_mutex_clocklock(pthread_mutex_t* m, clockid_t clock, const timespec* t) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_mutex_clocklock)(m, clock, t);
  return lock_mutex(*self, m, kind_of(m), false, virtual_deadline(t), "pthread_mutex_clocklock",
                    PC);
}

extern "C" int pthread_mutex_unlock(pthread_mutex_t* m) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_mutex_unlock)(m);
  return unlock_mutex(*self, m, "pthread_mutex_unlock");
}

extern "C" int pthread_cond_wait(pthread_cond_t* c, pthread_mutex_t* m) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_cond_wait)(c, m);
  return wait_cond(*self, c, m, kind_of(m), -1, "pthread_cond_wait", PC);
}

extern "C" int pthread_cond_timedwait(pthread_cond_t* c, pthread_mutex_t* m, const timespec* t) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_cond_timedwait)(c, m, t);
  return wait_cond(*self, c, m, kind_of(m), virtual_deadline(t), "pthread_cond_timedwait", PC);
}

extern "C" int pthread_cond_clockwait(pthread_cond_t* c, pthread_mutex_t* m, clockid_t clock,
                                      const timespec* t) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_cond_clockwait)(c, m, clock, t);
  return wait_cond(*self, c, m, kind_of(m), virtual_deadline(t), "pthread_cond_clockwait", PC);
}

extern "C" int pthread_cond_signal(pthread_cond_t* c) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_cond_signal)(c);
  enter_call(*self, "pthread_cond_signal", c);
  self->schedule->wake(c, 1);
  return 0;
}

extern "C" int pthread_cond_broadcast(pthread_cond_t* c) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_cond_broadcast)(c);
  enter_call(*self, "pthread_cond_broadcast", c);
  self->schedule->wake(c, INT_MAX);
  return 0;
}

extern "C" int pthread_rwlock_rdlock(pthread_rwlock_t* l) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_rwlock_rdlock)(l);
  return lock_shared(*self, l, false, -1, "pthread_rwlock_rdlock", PC);
}

extern "C" int pthread_rwlock_tryrdlock(pthread_rwlock_t* l) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_rwlock_tryrdlock)(l);
  return lock_shared(*self, l, true, -1, "pthread_rwlock_tryrdlock", PC);
}

extern "C" int pthread_rwlock_timedrdlock(pthread_rwlock_t* l, const timespec* t) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_rwlock_timedrdlock)(l, t);
  return lock_shared(*self, l, false, virtual_deadline(t), "pthread_rwlock_timedrdlock", PC);
}

extern "C" int pthread_rwlock_clockrdlock(pthread_rwlock_t* l, clockid_t clock, const timespec* t) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_rwlock_clockrdlock)(l, clock, t);
  return lock_shared(*self, l, false, virtual_deadline(t), "pthread_rwlock_clockrdlock", PC);
}

extern "C" int pthread_rwlock_wrlock(pthread_rwlock_t* l) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_rwlock_wrlock)(l);
  return lock_mutex(*self, l, MutexKind::errorcheck, false, -1, "pthread_rwlock_wrlock", PC);
}

extern "C" int pthread_rwlock_trywrlock(pthread_rwlock_t* l) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_rwlock_trywrlock)(l);
  return lock_mutex(*self, l, MutexKind::errorcheck, true, -1, "pthread_rwlock_trywrlock", PC);
}

extern "C" int pthread_rwlock_timedwrlock(pthread_rwlock_t* l, const timespec* t) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_rwlock_timedwrlock)(l, t);
  return lock_mutex(*self, l, MutexKind::errorcheck, false, virtual_deadline(t),
                    "pthread_rwlock_timedwrlock", PC);
}

extern "C" int pthread_rwlock_clockwrlock(pthread_rwlock_t* l, clockid_t clock, const timespec* t) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_rwlock_clockwrlock)(l, clock, t);
  return lock_mutex(*self, l, MutexKind::errorcheck, false, virtual_deadline(t),
                    "pthread_rwlock_clockwrlock", PC);
}

extern "C" int pthread_rwlock_unlock(pthread_rwlock_t* l) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_rwlock_unlock)(l);
  return unlock_mutex(*self, l, "pthread_rwlock_unlock");
}

// A spin lock that would spin, in the model, waits like a mutex: the same interleavings.
extern "C" int pthread_spin_lock(pthread_spinlock_t* l) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_spin_lock)(l);
  return lock_mutex(*self, spin_key(l), MutexKind::normal, false, -1, "pthread_spin_lock", PC);
}

extern "C" int pthread_spin_trylock(pthread_spinlock_t* l) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_spin_trylock)(l);
  return lock_mutex(*self, spin_key(l), MutexKind::normal, true, -1, "pthread_spin_trylock", PC);
}

extern "C" int pthread_spin_unlock(pthread_spinlock_t* l) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_spin_unlock)(l);
  return unlock_mutex(*self, spin_key(l), "pthread_spin_unlock");
}

extern "C" int pthread_barrier_wait(pthread_barrier_t* b) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(pthread_barrier_wait)(b);
  self->schedule->uncontrolled(*self, "pthread_barrier_wait", PC);
}
