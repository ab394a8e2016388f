// syscall(), interposed for the futex (C++20 atomic wait and notify, libstdc++'s semaphores),
// plus the blocking calls the model cannot schedule: on a schedule's thread they end the
// schedule with an error naming the call, never a silent wrong answer.

#include <linux/futex.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdarg>

#include "sanitizers/model/blocking.hpp"
#include "sanitizers/model/real.hpp"

LOCKSTRESS_MODEL_INTERCEPTOR(syscall);
LOCKSTRESS_MODEL_INTERCEPTOR(poll);
LOCKSTRESS_MODEL_INTERCEPTOR(ppoll);
LOCKSTRESS_MODEL_INTERCEPTOR(select);
LOCKSTRESS_MODEL_INTERCEPTOR(pselect);
LOCKSTRESS_MODEL_INTERCEPTOR(epoll_wait);
LOCKSTRESS_MODEL_INTERCEPTOR(pause);
LOCKSTRESS_MODEL_INTERCEPTOR(sigwait);
LOCKSTRESS_MODEL_INTERCEPTOR(sigsuspend);
LOCKSTRESS_MODEL_INTERCEPTOR(waitpid);
LOCKSTRESS_MODEL_INTERCEPTOR(wait);
LOCKSTRESS_MODEL_INTERCEPTOR(accept);

using namespace lockstress::model;

#define PC reinterpret_cast<std::uintptr_t>(__builtin_return_address(0))

namespace {

long futex(ModelThread& self, long* args, std::uintptr_t pc) {
  Schedule& s = *self.schedule;
  auto* word = reinterpret_cast<const int*>(args[0]);
  const int op = static_cast<int>(args[1]) & FUTEX_CMD_MASK;
  const int value = static_cast<int>(args[2]);
  switch (op) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET: {
      enter_call(self, "futex wait", word);
      if (__atomic_load_n(word, __ATOMIC_SEQ_CST) != value) {
        errno = EAGAIN;
        return -1;
      }
      const auto* timeout = reinterpret_cast<const timespec*>(args[3]);
      std::int64_t deadline = -1;
      if (timeout != nullptr) {
        // FUTEX_WAIT's timeout is relative, FUTEX_WAIT_BITSET's absolute.
        deadline = op == FUTEX_WAIT ? s.now_ns() + to_ns(*timeout) : virtual_deadline(timeout);
      }
      if (!s.block(self, "futex wait", word, deadline, pc)) {
        errno = ETIMEDOUT;
        return -1;
      }
      return 0;
    }
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
      enter_call(self, "futex wake", word);
      return s.wake(word, value < 0 ? INT_MAX : value);
    default:
      s.uncontrolled(self, "syscall(SYS_futex) with an operation other than wait and wake", pc);
  }
}

}  // namespace

extern "C" long syscall(long number, ...) {
  va_list list;
  va_start(list, number);
  long args[6];
  for (long& arg : args) arg = va_arg(list, long);
  va_end(list);
  if (current_thread() != nullptr) {
    switch (number) {
      case SYS_futex:
        return futex(*EntryGuard(), args, PC);
      // The interposed calls, each an entry of its own.
      case SYS_sched_yield:
        return sched_yield();
      case SYS_nanosleep:
        return nanosleep(reinterpret_cast<const timespec*>(args[0]),
                         reinterpret_cast<timespec*>(args[1]));
      default:
        break;
    }
  }
  return LOCKSTRESS_MODEL_REAL(syscall)(number, args[0], args[1], args[2], args[3], args[4],
                                        args[5]);
}

// The waits the model has no model of. Outside a schedule, each is the real call.
#define LOCKSTRESS_MODEL_UNCONTROLLED(name, ...)    \
  if (const EntryGuard self; self != nullptr) {       \
    self->schedule->uncontrolled(*self, #name, PC); \
  }                                                 \
  return LOCKSTRESS_MODEL_REAL(name)(__VA_ARGS__)

extern "C" int poll(pollfd* fds, nfds_t n, int timeout) {
  LOCKSTRESS_MODEL_UNCONTROLLED(poll, fds, n, timeout);
}
extern "C" int ppoll(pollfd* fds, nfds_t n, const timespec* timeout, const sigset_t* mask) {
  LOCKSTRESS_MODEL_UNCONTROLLED(ppoll, fds, n, timeout, mask);
}
extern "C" int select(int n, fd_set* r, fd_set* w, fd_set* e, timeval* timeout) {
  LOCKSTRESS_MODEL_UNCONTROLLED(select, n, r, w, e, timeout);
}
extern "C" int pselect(int n, fd_set* r, fd_set* w, fd_set* e, const timespec* timeout,
                       const sigset_t* mask) {
  LOCKSTRESS_MODEL_UNCONTROLLED(pselect, n, r, w, e, timeout, mask);
}
extern "C" int epoll_wait(int fd, epoll_event* events, int n, int timeout) {
  LOCKSTRESS_MODEL_UNCONTROLLED(epoll_wait, fd, events, n, timeout);
}
extern "C" int pause() { LOCKSTRESS_MODEL_UNCONTROLLED(pause); }
extern "C" int sigwait(const sigset_t* set, int* signal) {
  LOCKSTRESS_MODEL_UNCONTROLLED(sigwait, set, signal);
}
extern "C" int sigsuspend(const sigset_t* mask) { LOCKSTRESS_MODEL_UNCONTROLLED(sigsuspend, mask); }
extern "C" pid_t waitpid(pid_t pid, int* status, int options) {
  LOCKSTRESS_MODEL_UNCONTROLLED(waitpid, pid, status, options);
}
extern "C" pid_t wait(int* status) { LOCKSTRESS_MODEL_UNCONTROLLED(wait, status); }
extern "C" int accept(int fd, sockaddr* address, socklen_t* length) {
  LOCKSTRESS_MODEL_UNCONTROLLED(accept, fd, address, length);
}
