#pragma once

#include <cstdint>
#include <memory>
#include <type_traits>
#include <vector>

#include "lockstress/lock_instance.hpp"
#include "lockstress/lock_operations.hpp"
#include "lockstress/trial_slot.hpp"
#include "lockstress/workload.hpp"

namespace lockstress {

// The reader-writer workload of shared_lock_case: each iteration of each thread is one write,
// under the exclusive side, then one read, under the shared side, so that while one thread writes
// another may be reading. A write adds 1 to both halves of a pair, one after the other; a read
// loads the second half, then the first, and finds them unequal only when a write was half-way
// through (a torn read). A lock that lets a reader in beside a writer shows torn reads (plain) and
// a data race on the pair (tsan); one that lets two writers in, lost updates: the count is the
// pair's first half, the writes that took effect, against threads x iterations.
template <class Lock, class State = NoState>
class SharedLockWorkload final : public Workload {
  using Ops = LockOperations<Lock, State>;
  static_assert(Ops::kShared,
                "lockstress: shared_lock_case needs a shared side: lock_shared() / "
                "unlock_shared() (see lockstress/lock_operations.hpp)");

 public:
  explicit SharedLockWorkload(int threads) requires std::is_default_constructible_v<Lock>
      : SharedLockWorkload(threads, LockSlot<Lock>::value_initialised()) {}
  SharedLockWorkload(int threads, typename LockSlot<Lock>::Make make)
      : threads_(threads),
        make_(make),
        instance_(std::move(make)),
        torn_(std::make_unique<Torn[]>(static_cast<std::size_t>(threads))) {}

  void reset() override {
    pair_.renew();
    instance_.renew(threads_);
    for (int t = 0; t < threads_; ++t) torn_[t].reads = 0;
  }

  void run(int thread, std::int64_t iterations) override {
    Lock& lock = instance_.lock();
    State& state = instance_.state(thread);
    Pair& pair = pair_.get();
    std::int64_t torn = 0;
    for (std::int64_t i = 0; i < iterations; ++i) {
      Ops::lock(lock, state);
      write(pair);
      Ops::unlock(lock, state);
      Ops::lock_shared(lock, state);
      torn += read(pair);
      Ops::unlock_shared(lock, state);
    }
    torn_[thread].reads = torn;
  }

  std::int64_t count() const override { return pair_.get().first; }
  std::int64_t torn_reads() const override {
    std::int64_t total = 0;
    for (int t = 0; t < threads_; ++t) total += torn_[t].reads;
    return total;
  }
  // Out of TSan's sight, as CounterWorkload's: a recent value is enough.
  __attribute__((no_sanitize("thread"))) std::int64_t progress() const override {
    return *static_cast<const volatile std::int64_t*>(&pair_.get().first);
  }

  std::unique_ptr<LockProbe> lock_probe() const override {
    using Probe = InstanceProbe<Lock, State>;
    return std::make_unique<Probe>(
        make_, threads_,
        std::vector<typename Probe::Step>{
            {"lock", [](Lock& lock, State& state) { Ops::lock(lock, state); }},
            {"unlock", [](Lock& lock, State& state) { Ops::unlock(lock, state); }},
            {"lock_shared", [](Lock& lock, State& state) { Ops::lock_shared(lock, state); }},
            {"unlock_shared", [](Lock& lock, State& state) { Ops::unlock_shared(lock, state); }}});
  }

 private:
  struct Pair {
    std::int64_t first;
    std::int64_t second;
  };
  struct alignas(64) Torn {
    std::int64_t reads = 0;
  };

  // Plain accesses with a compiler barrier between them, as unlocked_increment's: a real store of
  // each half, in order, every time, with the CPU's spin hint between the halves (tens of
  // nanoseconds), so that a reader let in beside a writer finds it half-way often enough to show
  // (bench/README.md, "Torn reads").
  static void between_halves() {
#if defined(__x86_64__) || defined(__i386__)
    for (int i = 0; i < 4; ++i) __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield" ::: "memory");
#endif
    asm volatile("" ::: "memory");
  }
  static void write(Pair& pair) {
    pair.first += 1;
    between_halves();
    pair.second += 1;
    asm volatile("" ::: "memory");
  }
  static std::int64_t read(const Pair& pair) {
    const std::int64_t second = pair.second;
    between_halves();
    const std::int64_t first = pair.first;
    asm volatile("" ::: "memory");
    return first != second ? 1 : 0;
  }
  int threads_;
  typename LockSlot<Lock>::Make make_;
  LockInstance<Lock, State> instance_;
  TrialSlot<Pair> pair_;
  std::unique_ptr<Torn[]> torn_;
};

}  // namespace lockstress
