#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "lockstress/case.hpp"
#include "lockstress/counter_workload.hpp"
#include "lockstress/unlocked_increment.hpp"

namespace lockstress {

// One increment guarded by `Lock` (any BasicLockable). The increment inside is the same unlocked
// read-modify-write as unsafe_counter's, so any hole in the lock shows as lost updates (plain)
// or as a data race on the counter (tsan).
template <class Lock>
struct LockedIncrement {
  Lock lock;
  void operator()(std::int64_t& count, int /*thread*/) {
    lock.lock();
    unlocked_increment(count);
    lock.unlock();
  }
};

// A case that stresses the user's own lock type: a fresh `Lock` every trial, each thread doing
// `iterations` × { lock(); count += 1; unlock(); }, with each thread's acquisitions tracked for
// the fairness snapshot. `expect` is Expect::safe for a lock meant to work; a deliberately broken
// lock declares its race (Expect::race_caught_by_both(), ..._plain_only(why), ..._tsan_only(why)).
template <class Lock>
Case lock_case(std::string name, std::string description, Expect expect, ThreadLimit threads = {},
               Defaults defaults = {}) {
  return Case{
      std::move(name),
      std::move(description),
      std::move(expect),
      threads,
      [](int thread_count) {
        return std::make_unique<CounterWorkload<LockedIncrement<Lock>, Acquisitions::tracked>>(
            thread_count);
      },
      defaults};
}

}  // namespace lockstress
