#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "lockstress/counter_workload.hpp"
#include "lockstress/cpu_relax.hpp"
#include "lockstress/lock_case.hpp"
#include "lockstress/unlocked_increment.hpp"
#include "tests/faults/faults.hpp"

namespace lockstress::faults {
namespace {

// Trials of 100 ms, except the fifth of each runner process, which takes 600 ms: slow, uneven,
// correct. A watchdog limit of a fixed 0.25 s would call it hung; one that allows a multiple of
// the median trial time must not.
class SlowTrials final : public Workload {
 public:
  void reset() override {
    count_ = 0;
    ++trial_;
  }
  void run(int thread, std::int64_t iterations) override {
    if (thread == 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(trial_ == 4 ? 600 : 100));
    for (std::int64_t i = 0; i < iterations; ++i) {
      std::lock_guard<std::mutex> guard(mutex_);
      unlocked_increment(count_);
    }
  }
  std::int64_t count() const override { return count_; }

 private:
  std::mutex mutex_;
  std::int64_t count_ = 0;
  int trial_ = -1;
};

// A correct counter whose worker 0 pauses 100 ms after every 4% of its increments: each trial
// takes 2.5 s, and its counter moves all along. A watchdog that judged trials by their duration
// alone, with a limit of 1 s, would call every trial hung.
class CrawlingCounter final : public Workload {
 public:
  void reset() override { count_ = 0; }
  void run(int thread, std::int64_t iterations) override {
    for (std::int64_t i = 0; i < iterations; ++i) {
      {
        std::lock_guard<std::mutex> guard(mutex_);
        unlocked_increment(count_);
      }
      if (thread == 0 && (i + 1) % std::max<std::int64_t>(iterations / 25, 1) == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  }
  std::int64_t count() const override { return count_; }
  __attribute__((no_sanitize("thread"))) std::int64_t progress() const override {
    return *static_cast<const volatile std::int64_t*>(&count_);
  }

 private:
  std::mutex mutex_;
  std::int64_t count_ = 0;
};

// A FIFO ticket lock that spins without yielding: correct, and the slowest lock there is when
// threads outnumber CPUs, since the next ticket holder is often descheduled.
class TicketLock {
 public:
  void lock() {
    const std::uint32_t mine = next_.fetch_add(1, std::memory_order_relaxed);
    while (serving_.load(std::memory_order_acquire) != mine) cpu_relax();
  }
  void unlock() {
    serving_.store(serving_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
  }

 private:
  alignas(64) std::atomic<std::uint32_t> next_{0};
  alignas(64) std::atomic<std::uint32_t> serving_{0};
};

// Peterson's lock for two threads, sequentially consistent (correct), spinning without yielding.
struct PetersonIncrement {
  std::atomic<bool> interested[2] = {false, false};
  std::atomic<int> victim{0};
  void operator()(std::int64_t& count, int thread) {
    const int other = 1 - thread;
    interested[thread].store(true);
    victim.store(thread);
    while (interested[other].load() && victim.load() == thread) cpu_relax();
    unlocked_increment(count);
    interested[thread].store(false);
  }
};

}  // namespace

Case slow_trials_case() {
  return Case{"slow_trials",
              "correct; trials take 100 ms, the fifth of each runner 600 ms",
              Expect::safe,
              {},
              [](int) { return std::make_unique<SlowTrials>(); }};
}

Case crawling_counter_case() {
  return Case{"crawling_counter",
              "correct; each trial crawls for 2.5 s, its counter moving",
              Expect::safe,
              {},
              [](int) { return std::make_unique<CrawlingCounter>(); }};
}

Case ticket_lock_case() {
  return lock_case<TicketLock>("ticket_lock",
                               "a spinning FIFO ticket lock: correct, crawls when oversubscribed",
                               Expect::safe);
}

Case peterson_lock_case() {
  return Case{"peterson", "Peterson's lock, seq_cst, spinning: correct, 2 threads", Expect::safe,
              ThreadLimit{2, 2}, [](int threads) {
                return std::make_unique<CounterWorkload<PetersonIncrement>>(threads);
              }};
}

}  // namespace lockstress::faults
