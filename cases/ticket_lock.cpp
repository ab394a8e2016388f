#include <atomic>
#include <cstdint>

#include "cases/catalogue.hpp"
#include "cases/spin_wait.hpp"
#include "lockstress/lock_case.hpp"

namespace lockstress {
namespace {

// A ticket lock: each thread takes the next ticket and waits until it is served, so the lock is
// handed over in arrival order (FIFO, and fair by construction).
class TicketLock {
 public:
  void lock() {
    const std::uint32_t ticket = next_.fetch_add(1, std::memory_order_relaxed);
    for (SpinWait wait; serving_.load(std::memory_order_acquire) != ticket;) wait.once();
  }
  // Only the holder writes serving_, so a load and a store are enough.
  void unlock() {
    serving_.store(serving_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
  }

 private:
  std::atomic<std::uint32_t> next_{0};
  std::atomic<std::uint32_t> serving_{0};
};

}  // namespace

Case ticket_lock_case() {
  return lock_case<TicketLock>(
      "ticket_lock", "ticket lock: fetch_add a ticket, wait (acquire) until it is served",
      // Each holder's releasing store of serving_ is read by the next holder's acquiring load: a
      // chain of happens-before edges through every increment, and fair by construction. With
      // more threads than CPUs it is slow (the next ticket's thread may not be running).
      Expect::safe, {}, kLockDefaults);
}

}  // namespace lockstress
