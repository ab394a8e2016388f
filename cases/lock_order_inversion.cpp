#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "cases/catalogue.hpp"
#include "lockstress/unlocked_increment.hpp"

namespace lockstress {
namespace {

struct TwoLocks {
  std::mutex first;
  std::mutex second;
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

  std::int64_t count() const override { return count_.value; }

 private:
  struct alignas(64) Count {
    std::int64_t value = 0;
  };

  void increment_under(std::mutex& outer, std::mutex& inner) {
    std::lock_guard<std::mutex> hold_outer(outer);
    std::lock_guard<std::mutex> hold_inner(inner);
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
          "lock-order-inversion"),
      {2, 2},
      [](int) { return std::make_unique<OppositeOrders>(); }};
}

}  // namespace lockstress
