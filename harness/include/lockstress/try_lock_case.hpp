#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

#include "lockstress/case.hpp"
#include "lockstress/counter_workload.hpp"
#include "lockstress/lock_instance.hpp"
#include "lockstress/lock_operations.hpp"
#include "lockstress/unlocked_increment.hpp"

namespace lockstress {

// The wait between two failed tries: the CPU's spin hint, then yielding the CPU, so that a thread
// whose tries fail does not spin through the time slice of the holder it waits for (on 2 CPUs).
class TryBackoff {
 public:
  void once() {
    if (++tries_ < kSpinsBeforeYield) {
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause();
#elif defined(__aarch64__)
      asm volatile("yield");
#endif
    } else {
      std::this_thread::yield();
    }
  }

 private:
  static constexpr int kSpinsBeforeYield = 256;
  int tries_ = 0;
};

// One increment under a lock taken by trying: try_lock() until it succeeds, alternating, where the
// lock has try_lock_for, with try_lock_for(50 us) until it succeeds. A try that reports success
// without excluding the holder lets two threads increment at once: lost updates (plain), a data
// race on the counter (tsan).
template <class Lock, class State = NoState>
class TryLockedIncrement {
  using Ops = LockOperations<Lock, State>;
  static_assert(Ops::kTry,
                "lockstress: try_lock_case needs try_lock() returning whether it took the lock "
                "(see lockstress/lock_operations.hpp)");

 public:
  static constexpr std::chrono::microseconds kTryFor{50};

  // Value-initialised locks, or locks made by a factory (LockSlot::from).
  TryLockedIncrement() requires std::is_default_constructible_v<Lock>
      : TryLockedIncrement(LockSlot<Lock>::value_initialised()) {}
  explicit TryLockedIncrement(typename LockSlot<Lock>::Make make)
      : make_(make), instance_(std::move(make)) {}

  struct Bound {
    Lock& lock;
    State& state;
    bool timed = false;  // this thread's next take uses try_lock_for
    void operator()(std::int64_t& count) {
      if constexpr (Ops::kTryFor) {
        if (timed) {
          while (!Ops::try_lock_for(lock, state, kTryFor)) {
          }
        } else {
          for (TryBackoff backoff; !Ops::try_lock(lock, state);) backoff.once();
        }
        timed = !timed;
      } else {
        for (TryBackoff backoff; !Ops::try_lock(lock, state);) backoff.once();
      }
      unlocked_increment(count);
      Ops::unlock(lock, state);
    }
  };

  void renew(int threads) { instance_.renew(threads); }
  Bound bind(int thread) const { return Bound{instance_.lock(), instance_.state(thread)}; }
  std::unique_ptr<LockProbe> make_probe(int threads) const {
    using Probe = InstanceProbe<Lock, State>;
    // Uncontended, a working try succeeds at once; a broken one is not tried forever.
    std::vector<typename Probe::Step> steps{
        {"try_lock",
         [](Lock& lock, State& state) {
           for (int i = 0; i < 1000 && !Ops::try_lock(lock, state); ++i) {
           }
         }},
        {"unlock", [](Lock& lock, State& state) { Ops::unlock(lock, state); }}};
    // The timed try may take another way in (std::timed_mutex: pthread_mutex_clocklock).
    if constexpr (Ops::kTryFor) {
      steps.push_back({"try_lock_for", [](Lock& lock, State& state) {
                         for (int i = 0; i < 1000 && !Ops::try_lock_for(lock, state, kTryFor);
                              ++i) {
                         }
                       }});
      steps.push_back({"unlock", [](Lock& lock, State& state) { Ops::unlock(lock, state); }});
    }
    return std::make_unique<Probe>(make_, threads, std::move(steps));
  }

 private:
  typename LockSlot<Lock>::Make make_;
  LockInstance<Lock, State> instance_;
};

// lock_case's counter, with the lock taken by try_lock() loops (and try_lock_for where the type
// has it): each thread does `iterations` x { try until taken; count += 1; unlock(); }.
template <class Lock, class State = NoState>
Case try_lock_case(std::string name, std::string description, Expect expect,
                   ThreadLimit threads = {}, Defaults defaults = {}) {
  return Case{
      std::move(name),
      std::move(description),
      std::move(expect),
      threads,
      [](int thread_count) {
        return std::make_unique<
            CounterWorkload<TryLockedIncrement<Lock, State>, Acquisitions::tracked>>(thread_count);
      },
      defaults};
}

template <class Lock, class State = NoState, LockFactory<Lock> Factory>
Case try_lock_case(std::string name, std::string description, Expect expect, Factory make_lock,
                   ThreadLimit threads = {}, Defaults defaults = {}) {
  return Case{std::move(name),
              std::move(description),
              std::move(expect),
              threads,
              [make = LockSlot<Lock>::from(std::move(make_lock))](int thread_count) {
                return std::make_unique<
                    CounterWorkload<TryLockedIncrement<Lock, State>, Acquisitions::tracked>>(
                    thread_count, make);
              },
              defaults};
}

}  // namespace lockstress
