#include "harness/driver/interrupt.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

namespace lockstress {
namespace {

constexpr int kInterrupts[] = {SIGINT, SIGTERM, SIGHUP, SIGALRM, SIGXCPU, SIGUSR1, SIGUSR2};

// Only async-signal-safe operations on these from the handler: lock-free atomics, write, kill.
std::atomic<int> first_signal{0};
std::atomic<int> running_runner{0};
int wake_read = -1;
int wake_write = -1;

void on_signal(int signal) {
  const int saved = errno;
  int expected = 0;
  if (first_signal.compare_exchange_strong(expected, signal)) {
    (void)!::write(wake_write, "!", 1);
  } else if (const int pid = running_runner.load(); pid > 0) {
    ::kill(-pid, SIGKILL);
  }
  errno = saved;
}

}  // namespace

void catch_interrupts() {
  static bool caught = false;
  if (caught) return;
  caught = true;
  // Without the pipe (no descriptor left: the outputs cannot open either, and the run stops
  // there), the signals are still caught.
  int fds[2];
  if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0) {
    wake_read = fds[0];
    wake_write = fds[1];
  }
  struct sigaction action = {};
  action.sa_handler = on_signal;
  // Each handler runs with the others blocked, so that two signals of one broadcast never
  // interleave inside it.
  sigemptyset(&action.sa_mask);
  for (int signal : kInterrupts) sigaddset(&action.sa_mask, signal);
  action.sa_flags = SA_RESTART;
  for (int signal : kInterrupts) sigaction(signal, &action, nullptr);
  struct sigaction ignore = {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, nullptr);
  sigaction(SIGXFSZ, &ignore, nullptr);
}

int interrupt_signal() { return first_signal.load(); }

int interrupt_fd() { return wake_read; }

void set_running_runner(int pid) { running_runner.store(pid); }

}  // namespace lockstress
