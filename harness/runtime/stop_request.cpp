#include "harness/runtime/stop_request.hpp"

#include <signal.h>

#include <atomic>

#include "harness/protocol/protocol.hpp"

namespace lockstress {
namespace {

// Atomic, not volatile sig_atomic_t: the handler may run on any thread of the runner, and the
// TSan runner must not report the flag itself as a race.
std::atomic<bool> requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

void on_stop_signal(int) { requested.store(true, std::memory_order_relaxed); }

}  // namespace

void install_stop_request_handler() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  // Restart interrupted system calls: the signal is a request, never a reason for one to fail.
  action.sa_flags = SA_RESTART;
  sigaction(protocol::kStopSignal, &action, nullptr);
}

bool stop_requested() { return requested.load(std::memory_order_relaxed); }

}  // namespace lockstress
