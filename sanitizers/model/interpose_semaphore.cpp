// POSIX semaphores, interposed. On a schedule's thread the model keeps the count; the real
// semaphore is read when the schedule first uses it and written back when the schedule ends.

#include <semaphore.h>

#include <cerrno>
#include <climits>

#include "sanitizers/model/blocking.hpp"
#include "sanitizers/model/real.hpp"

LOCKSTRESS_MODEL_INTERCEPTOR(sem_wait);
LOCKSTRESS_MODEL_INTERCEPTOR(sem_trywait);
LOCKSTRESS_MODEL_INTERCEPTOR(sem_timedwait);
LOCKSTRESS_MODEL_INTERCEPTOR(sem_clockwait);
LOCKSTRESS_MODEL_INTERCEPTOR(sem_post);
LOCKSTRESS_MODEL_INTERCEPTOR(sem_getvalue);
LOCKSTRESS_MODEL_INTERCEPTOR(sem_init);

using namespace lockstress::model;

#define PC reinterpret_cast<std::uintptr_t>(__builtin_return_address(0))

namespace {

SemaphoreState& state_of(Schedule& s, sem_t* sem) {
  SemaphoreState& state = s.sync().semaphores[sem];
  if (!state.known) {
    int value = 0;
    LOCKSTRESS_MODEL_REAL(sem_getvalue)(sem, &value);
    state.value = value;
    state.known = true;
  }
  return state;
}

int wait(ModelThread& self, sem_t* sem, bool try_only, std::int64_t deadline_ns, const char* call,
         std::uintptr_t pc) {
  Schedule& s = *self.schedule;
  enter_call(self, call, sem);
  for (;;) {
    SemaphoreState& state = state_of(s, sem);
    if (state.value > 0) {
      --state.value;
      self.memory.clock.join(state.released);
      return 0;
    }
    if (try_only || !s.block(self, call, sem, deadline_ns, pc)) {
      errno = try_only ? EAGAIN : ETIMEDOUT;
      return -1;
    }
  }
}

}  // namespace

namespace lockstress::model {

void write_back_semaphores(SyncObjects& sync) {
  for (auto& [address, state] : sync.semaphores) {
    auto* sem = const_cast<sem_t*>(static_cast<const sem_t*>(address));
    int value = 0;
    LOCKSTRESS_MODEL_REAL(sem_getvalue)(sem, &value);
    for (; value < state.value; ++value) LOCKSTRESS_MODEL_REAL(sem_post)(sem);
    for (; value > state.value; --value) LOCKSTRESS_MODEL_REAL(sem_trywait)(sem);
  }
}

}  // namespace lockstress::model

extern "C" int sem_init(sem_t* sem, int shared, unsigned value) {
  if (const EntryGuard self; self != nullptr) {
    SemaphoreState& state = self->schedule->sync().semaphores[sem];
    state = SemaphoreState{true, value, {}};
  }
  return LOCKSTRESS_MODEL_REAL(sem_init)(sem, shared, value);
}

extern "C" int sem_wait(sem_t* sem) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(sem_wait)(sem);
  return wait(*self, sem, false, -1, "sem_wait", PC);
}

extern "C" int sem_trywait(sem_t* sem) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(sem_trywait)(sem);
  return wait(*self, sem, true, -1, "sem_trywait", PC);
}

extern "C" int sem_timedwait(sem_t* sem, const timespec* t) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(sem_timedwait)(sem, t);
  return wait(*self, sem, false, virtual_deadline(t), "sem_timedwait", PC);
}

extern "C" int sem_clockwait(sem_t* sem, clockid_t clock, const timespec* t) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(sem_clockwait)(sem, clock, t);
  return wait(*self, sem, false, virtual_deadline(t), "sem_clockwait", PC);
}

extern "C" int sem_post(sem_t* sem) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(sem_post)(sem);
  Schedule& s = *self->schedule;
  enter_call(*self, "sem_post", sem);
  SemaphoreState& state = state_of(s, sem);
  ++state.value;
  state.released.join(self->memory.clock);
  self->memory.clock.tick(self->id);
  s.wake(sem, 1);
  return 0;
}

extern "C" int sem_getvalue(sem_t* sem, int* value) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(sem_getvalue)(sem, value);
  enter_call(*self, "sem_getvalue", sem);
  *value = static_cast<int>(state_of(*self->schedule, sem).value);
  return 0;
}
