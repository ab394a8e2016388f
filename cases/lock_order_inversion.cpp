#include <pthread.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "cases/catalogue.hpp"
#include "lockstress/unlocked_increment.hpp"

namespace lockstress {
namespace {

// A pthread mutex created and destroyed with its owner. std::mutex (libstdc++) is statically
// initialised and never destroyed, so TSan would see the same two mutexes in every trial and
// report their inversion once per process; created afresh, they are new mutexes to TSan each
// trial, and each trial's inversion is reported.
class FreshMutex {
 public:
  FreshMutex() { pthread_mutex_init(&mutex_, nullptr); }
  ~FreshMutex() { pthread_mutex_destroy(&mutex_); }
  FreshMutex(const FreshMutex&) = delete;
  FreshMutex& operator=(const FreshMutex&) = delete;
  void lock() { pthread_mutex_lock(&mutex_); }
  void unlock() { pthread_mutex_unlock(&mutex_); }

 private:
  pthread_mutex_t mutex_;
};

struct TwoLocks {
  FreshMutex first;
  FreshMutex second;
  std::atomic<bool> first_done{false};
};

// Thread 0 takes `first` then `second` for each of its increments; thread 1 waits until thread 0
// has finished, then takes them in the opposite order. The two orders never overlap in time, so
// this run cannot deadlock and loses nothing, but run at the same time they could: the bug is in
// the order, and that is what TSan's deadlock detector checks, not what happened.
class OppositeOrders final : public Workload {
 public:
  void reset() override {
    count_.value = 0;
    locks_.emplace();
  }

  void run(int thread, std::int64_t iterations) override {
    TwoLocks& locks = *locks_;
    if (thread == 0) {
      for (std::int64_t i = 0; i < iterations; ++i) increment_under(locks.first, locks.second);
      locks.first_done.store(true, std::memory_order_release);
      locks.first_done.notify_one();
    } else {
      locks.first_done.wait(false, std::memory_order_acquire);
      for (std::int64_t i = 0; i < iterations; ++i) increment_under(locks.second, locks.first);
    }
  }

  // Without waiting for thread 0: a schedule in which each thread holds the lock the other wants
  // ends as a deadlock the model reports, instead of hanging the runner.
  void run_modelled(int thread, std::int64_t iterations) override {
    TwoLocks& locks = *locks_;
    for (std::int64_t i = 0; i < iterations; ++i) {
      if (thread == 0) {
        increment_under(locks.first, locks.second);
      } else {
        increment_under(locks.second, locks.first);
      }
    }
  }

  std::int64_t count() const override { return count_.value; }

 private:
  struct alignas(64) Count {
    std::int64_t value = 0;
  };

  void increment_under(FreshMutex& outer, FreshMutex& inner) {
    std::lock_guard<FreshMutex> hold_outer(outer);
    std::lock_guard<FreshMutex> hold_inner(inner);
    unlocked_increment(count_.value);
  }

  Count count_;
  std::optional<TwoLocks> locks_;
};

}  // namespace

Case lock_order_inversion_case() {
  return Case{
      "lock_order_inversion",
      "two mutexes taken in opposite orders by two threads, one after the other (no deadlock)",
      Expect::race_caught_by_tsan_only(
          "the two orders never overlap in time here, so nothing deadlocks and no update is lost: "
          "only the order of acquisitions shows the bug",
          "lock-order-inversion")
          // Under the model the two orders may overlap (run_modelled): some schedule deadlocks.
          .caught_by_model_too("deadlock"),
      {2, 2},
      [](int) { return std::make_unique<OppositeOrders>(); },
      // TSan reports the inversion the first time both orders have been seen: a few iterations
      // would do; these match the spin locks' point, so that they share its control cells.
      kLockDefaults};
}

}  // namespace lockstress
