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

// A case that stresses the user's own lock type. `expect` is Expect::safe for a lock meant to
// work; a deliberately broken lock declares the race and which variant must catch it.
template <class Lock>
Case lock_case(std::string name, std::string description, Expect expect,
               ThreadLimit threads = {}) {
  return Case{std::move(name), std::move(description), std::move(expect), threads, [](int) {
                return std::make_unique<CounterWorkload<LockedIncrement<Lock>>>();
              }};
}

}  // namespace lockstress
