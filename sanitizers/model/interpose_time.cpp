// Yields, sleeps and clocks, interposed. On a schedule's thread a sleep or a yield lets the
// other threads run (and counts as a yield), and every clock reads the schedule's virtual time,
// so that a lock with a timeout can be driven to it and a schedule replays the same.

#include <sched.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "sanitizers/model/blocking.hpp"
#include "sanitizers/model/real.hpp"

LOCKSTRESS_MODEL_INTERCEPTOR(sched_yield);
LOCKSTRESS_MODEL_INTERCEPTOR(nanosleep);
LOCKSTRESS_MODEL_INTERCEPTOR(clock_nanosleep);
LOCKSTRESS_MODEL_INTERCEPTOR(usleep);
LOCKSTRESS_MODEL_INTERCEPTOR(sleep);
LOCKSTRESS_MODEL_INTERCEPTOR(clock_gettime);
LOCKSTRESS_MODEL_INTERCEPTOR(gettimeofday);

using namespace lockstress::model;

namespace {

void sleep_for(ModelThread& self, std::int64_t ns, const char* call) {
  enter_call(self, call, nullptr);
  self.schedule->sleep_ns(self, ns);
}

}  // namespace

extern "C" int sched_yield() {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(sched_yield)();
  self->schedule->switch_point(*self, true);
  self->schedule->record(*self, Op::call).call = "sched_yield";
  return 0;
}

extern "C" int nanosleep(const timespec* request, timespec* remaining) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(nanosleep)(request, remaining);
  sleep_for(*self, to_ns(*request), "nanosleep");
  if (remaining) *remaining = timespec{0, 0};
  return 0;
}

extern "C" int clock_nanosleep(clockid_t clock, int flags, const timespec* request,
                               timespec* remaining) {
  const EntryGuard self;
  if (self == nullptr) {
    return LOCKSTRESS_MODEL_REAL(clock_nanosleep)(clock, flags, request, remaining);
  }
  std::int64_t ns = to_ns(*request);
  if (flags & TIMER_ABSTIME) ns -= to_ns(virtual_now(*self->schedule));
  sleep_for(*self, ns, "clock_nanosleep");
  if (remaining && !(flags & TIMER_ABSTIME)) *remaining = timespec{0, 0};
  return 0;
}

extern "C" int usleep(useconds_t microseconds) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(usleep)(microseconds);
  sleep_for(*self, static_cast<std::int64_t>(microseconds) * 1000, "usleep");
  return 0;
}

extern "C" unsigned sleep(unsigned seconds) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(sleep)(seconds);
  sleep_for(*self, static_cast<std::int64_t>(seconds) * 1'000'000'000LL, "sleep");
  return 0;
}

extern "C" int clock_gettime(clockid_t clock, timespec* now) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(clock_gettime)(clock, now);
  enter_call(*self, "clock_gettime", nullptr);
  *now = virtual_now(*self->schedule);
  return 0;
}

extern "C" int gettimeofday(timeval* now, void* zone) {
  const EntryGuard self;
  if (self == nullptr) return LOCKSTRESS_MODEL_REAL(gettimeofday)(now, zone);
  enter_call(*self, "gettimeofday", nullptr);
  const timespec t = virtual_now(*self->schedule);
  *now = timeval{t.tv_sec, t.tv_nsec / 1000};
  return 0;
}
