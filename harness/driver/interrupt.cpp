#include "harness/driver/interrupt.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

namespace lockstress {
namespace {

// Only async-signal-safe operations on these from the handler: lock-free atomics, write, kill,
// _exit.
std::atomic<int> first_signal{0};
std::atomic<int> running_runner{0};
int wake_read = -1;
int wake_write = -1;

void on_signal(int signal) {
  int expected = 0;
  if (first_signal.compare_exchange_strong(expected, signal)) {
    const int saved = errno;
    (void)!::write(wake_write, "!", 1);
    errno = saved;
    return;
  }
  if (const int pid = running_runner.load(); pid > 0) ::kill(-pid, SIGKILL);
  ::_exit(128 + signal);
}

}  // namespace

void catch_interrupts() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) return;
  wake_read = fds[0];
  wake_write = fds[1];
  struct sigaction action = {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int interrupt_signal() { return first_signal.load(); }

int interrupt_fd() { return wake_read; }

void set_running_runner(int pid) { running_runner.store(pid); }

}  // namespace lockstress
