#include "sanitizers/model/blocking.hpp"

#include <cerrno>
#include <climits>

namespace lockstress::model {

std::int64_t to_ns(const timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000LL + t.tv_nsec;
}

timespec virtual_now(const Schedule& schedule) {
  const std::int64_t ns = kVirtualEpochNs + schedule.now_ns();
  return timespec{static_cast<time_t>(ns / 1'000'000'000LL),
                  static_cast<long>(ns % 1'000'000'000LL)};
}

std::int64_t virtual_deadline(const timespec* absolute) {
  if (absolute == nullptr) return -1;
  return std::max<std::int64_t>(0, to_ns(*absolute) - kVirtualEpochNs);
}

void enter_call(ModelThread& self, const char* call, const void* object) {
  Schedule& s = *self.schedule;
  s.switch_point(self);
  Event& event = s.record(self, Op::call);
  event.call = call;
  event.address = reinterpret_cast<std::uintptr_t>(object);
}

int lock_mutex(ModelThread& self, const void* mutex, MutexKind kind, bool try_only,
               std::int64_t deadline_ns, const char* call, std::uintptr_t pc) {
  Schedule& s = *self.schedule;
  enter_call(self, call, mutex);
  for (;;) {
    MutexState& state = s.sync().mutexes[mutex];
    if (state.owner == -1 && state.readers == 0) {
      state.owner = self.id;
      state.recursion = 1;
      self.memory.clock.join(state.released);
      return 0;
    }
    if (state.owner == self.id) {
      if (kind == MutexKind::recursive) {
        ++state.recursion;
        return 0;
      }
      if (kind == MutexKind::errorcheck) return EDEADLK;
    }
    if (try_only) return EBUSY;
    if (!s.block(self, call, mutex, deadline_ns, pc)) return ETIMEDOUT;
  }
}

int unlock_mutex(ModelThread& self, const void* mutex, const char* call) {
  Schedule& s = *self.schedule;
  enter_call(self, call, mutex);
  MutexState& state = s.sync().mutexes[mutex];
  if (state.owner == self.id) {
    if (--state.recursion > 0) return 0;
    state.owner = -1;
  } else if (state.readers > 0) {
    --state.readers;
  } else {
    return EPERM;
  }
  state.released.join(self.memory.clock);
  self.memory.clock.tick(self.id);
  s.wake(mutex, INT_MAX);
  return 0;
}

int lock_shared(ModelThread& self, const void* rwlock, bool try_only, std::int64_t deadline_ns,
                const char* call, std::uintptr_t pc) {
  Schedule& s = *self.schedule;
  enter_call(self, call, rwlock);
  for (;;) {
    MutexState& state = s.sync().mutexes[rwlock];
    if (state.owner == -1) {
      ++state.readers;
      self.memory.clock.join(state.released);
      return 0;
    }
    if (state.owner == self.id) return EDEADLK;
    if (try_only) return EBUSY;
    if (!s.block(self, call, rwlock, deadline_ns, pc)) return ETIMEDOUT;
  }
}

int wait_cond(ModelThread& self, const void* cond, const void* mutex, MutexKind kind,
              std::int64_t deadline_ns, const char* call, std::uintptr_t pc) {
  Schedule& s = *self.schedule;
  if (unlock_mutex(self, mutex, call) != 0) return EPERM;
  const bool woken = s.block(self, call, cond, deadline_ns, pc);
  lock_mutex(self, mutex, kind, false, -1, call, pc);
  return woken ? 0 : ETIMEDOUT;
}

}  // namespace lockstress::model
