#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "lockstress/trial_slot.hpp"
#include "lockstress/workload.hpp"

namespace lockstress {

// Whether a CounterWorkload records each thread's progress for the fairness snapshot. Lock cases
// do; the unlocked counters do not, so that their racy loop stays exactly one increment.
enum class Acquisitions { untracked, tracked };

// The workload almost every case shares: each thread performs `iterations` increments of one
// shared counter through `Increment`, a type that owns whatever guards the counter (a lock, or
// nothing) and performs one increment: `void operator()(std::int64_t& count, int thread)`.
// The loop is here, in a template, so that the compiler inlines the increment into it.
// An Increment is made afresh for every trial, unless it has `void renew(int threads)`: then it
// is made once, from the constructor's arguments, and renewed before every trial; instead of the
// call operator it may have `bind(int thread)`, returning a callable `(std::int64_t& count)` that
// the loop keeps for the whole trial (references in registers, not reloaded each increment). One
// with `std::unique_ptr<LockProbe> make_probe(int threads) const` offers its lock to the sync
// probe.
//
// Tracked, each thread publishes how many increments it has completed after every one. With a
// fixed number of iterations per thread the totals at the end are all equal and say nothing about
// fairness, so the snapshot is taken over the window in which every thread was running: the last
// thread to start reads everyone's progress, the first to finish reads it again, and the
// difference is what each thread got while all of them competed (locktorture's per-thread
// acquisition counts, made per trial). When the first thread finished before the last one
// started, the window is empty and every count is 0.
template <class Increment, Acquisitions kAcquisitions = Acquisitions::untracked>
class CounterWorkload final : public Workload {
  static constexpr bool kRenewable = requires(Increment & increment, int threads) {
    increment.renew(threads);
  };
  static constexpr bool kBinds = requires(Increment & increment) { increment.bind(0); };
  struct Unbound {};
  // Thread `thread`'s increment for the whole trial; the others are called as they are, so that
  // their loop (and their frames in TSan's reports) stay as they were.
  static auto bind(Increment& increment, int thread) {
    if constexpr (kBinds) {
      return increment.bind(thread);
    } else {
      return Unbound{};
    }
  }

 public:
  template <class... Args>
  explicit CounterWorkload(int threads, Args&&... increment_args)
      : threads_(threads),
        progress_(kAcquisitions == Acquisitions::tracked
                      ? std::make_unique<Progress[]>(static_cast<std::size_t>(threads))
                      : nullptr) {
    static_assert(kRenewable || sizeof...(Args) == 0,
                  "an Increment made from arguments renews itself: void renew(int threads)");
    if constexpr (kRenewable) increment_.emplace(std::forward<Args>(increment_args)...);
  }

  // A fresh counter and increment for every trial. In the plain runner the counter stays inside
  // the workload object: measured here, a counter in a heap block of its own (allocated per trial
  // or once) cut the plain runner's 2 x 1,000 detection from 99% of trials to 25-68%. Under TSan
  // it moves to a fresh address every trial (TrialSlot says why).
  void reset() override {
    counter_.renew();
    if constexpr (kRenewable) {
      increment_->renew(threads_);
    } else {
      increment_.emplace();
    }
    if constexpr (kAcquisitions == Acquisitions::tracked) {
      for (int t = 0; t < threads_; ++t) progress_[t].done.store(0, std::memory_order_relaxed);
      started_.store(0, std::memory_order_relaxed);
      window_open_.store(false, std::memory_order_relaxed);
      first_finished_.store(false, std::memory_order_relaxed);
      at_start_.assign(static_cast<std::size_t>(threads_), 0);
      in_window_.assign(static_cast<std::size_t>(threads_), 0);
    }
  }

  void run(int thread, std::int64_t iterations) override {
    Increment& increment = *increment_;
    [[maybe_unused]] auto bound = bind(increment, thread);
    std::int64_t& count = counter_.get();
    if constexpr (kAcquisitions == Acquisitions::untracked) {
      for (std::int64_t i = 0; i < iterations; ++i) {
        if constexpr (kBinds)
          bound(count);
        else
          increment(count, thread);
      }
    } else {
      enter_window();
      std::atomic<std::int64_t>& done = progress_[thread].done;
      for (std::int64_t i = 0; i < iterations; ++i) {
        if constexpr (kBinds)
          bound(count);
        else
          increment(count, thread);
        done.store(i + 1, std::memory_order_relaxed);
      }
      leave_window();
    }
  }

  // The same increments in blocks of perturbation.period(), with a point between blocks. A
  // separate loop, so that run() (no perturbation) stays exactly the loop above.
  void run_perturbed(int thread, std::int64_t iterations, Perturbation& perturbation) override {
    Increment& increment = *increment_;
    [[maybe_unused]] auto bound = bind(increment, thread);
    std::int64_t& count = counter_.get();
    if constexpr (kAcquisitions == Acquisitions::tracked) enter_window();
    const std::int64_t period = perturbation.period();
    for (std::int64_t done = 0; done < iterations;) {
      const std::int64_t end = iterations - done > period ? done + period : iterations;
      for (; done < end; ++done) {
        if constexpr (kBinds)
          bound(count);
        else
          increment(count, thread);
        if constexpr (kAcquisitions == Acquisitions::tracked) {
          progress_[thread].done.store(done + 1, std::memory_order_relaxed);
        }
      }
      if (done < iterations) perturbation.point();
    }
    if constexpr (kAcquisitions == Acquisitions::tracked) leave_window();
  }

  std::int64_t count() const override { return counter_.get(); }

  // A racy read on purpose, kept out of TSan's sight: the workers write the counter without
  // synchronisation (for most cases, that is the point), and this only needs a recent value.
  __attribute__((no_sanitize("thread"))) std::int64_t progress() const override {
    return *static_cast<const volatile std::int64_t*>(&counter_.get());
  }

  std::vector<std::int64_t> acquisitions() const override {
    if constexpr (kAcquisitions == Acquisitions::tracked) return in_window_;
    return {};
  }

  std::unique_ptr<LockProbe> lock_probe() const override {
    if constexpr (requires(const Increment& increment) { increment.make_probe(threads_); }) {
      return increment_->make_probe(threads_);
    }
    return nullptr;
  }

 private:
  // One line per thread: a thread's progress stores never contend with another's.
  struct alignas(64) Progress {
    std::atomic<std::int64_t> done{0};
  };
  // The last thread to start opens the fairness window; the first to finish closes it.
  void enter_window() {
    if (started_.fetch_add(1, std::memory_order_acq_rel) + 1 == threads_) {
      read_progress(at_start_);
      window_open_.store(true, std::memory_order_release);
    }
  }
  void leave_window() {
    if (!first_finished_.exchange(true, std::memory_order_acq_rel) &&
        window_open_.load(std::memory_order_acquire)) {
      read_progress(in_window_);
      for (int t = 0; t < threads_; ++t) {
        in_window_[static_cast<std::size_t>(t)] -= at_start_[static_cast<std::size_t>(t)];
      }
    }
  }
  void read_progress(std::vector<std::int64_t>& out) const {
    for (int t = 0; t < threads_; ++t) {
      out[static_cast<std::size_t>(t)] = progress_[t].done.load(std::memory_order_relaxed);
    }
  }

  // On its own cache line (plain), so that the guard's state never shares one with the counter.
  TrialSlot<std::int64_t> counter_;
  std::optional<Increment> increment_;
  int threads_;
  std::unique_ptr<Progress[]> progress_;
  std::atomic<int> started_{0};
  std::atomic<bool> window_open_{false};  // the last thread has started and read at_start_
  std::atomic<bool> first_finished_{false};
  std::vector<std::int64_t> at_start_;   // written by the last thread to start only
  std::vector<std::int64_t> in_window_;  // written by the first thread to finish only
};

}  // namespace lockstress
