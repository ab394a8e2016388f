#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "lockstress/case.hpp"
#include "lockstress/counter_workload.hpp"
#include "lockstress/lock_instance.hpp"
#include "lockstress/lock_operations.hpp"
#include "lockstress/unlocked_increment.hpp"

namespace lockstress {

// One increment guarded by a `Lock`, with each thread's `State` (lock_operations.hpp). The
// increment inside is the same unlocked read-modify-write as unsafe_counter's, so any hole in the
// lock shows as lost updates (plain) or as a data race on the counter (tsan).
template <class Lock, class State = NoState>
class LockedIncrement {
  using Ops = LockOperations<Lock, State>;

 public:
  // Value-initialised locks, or locks made by a factory (LockSlot::from).
  LockedIncrement() requires std::is_default_constructible_v<Lock>
      : LockedIncrement(LockSlot<Lock>::value_initialised()) {}
  explicit LockedIncrement(typename LockSlot<Lock>::Make make)
      : make_(make), instance_(std::move(make)) {}

  // One thread's increments, its lock and state held in registers across the loop.
  struct Bound {
    Lock& lock;
    State& state;
    void operator()(std::int64_t& count) const {
      Ops::lock(lock, state);
      unlocked_increment(count);
      Ops::unlock(lock, state);
    }
  };

  void renew(int threads) { instance_.renew(threads); }
  Bound bind(int thread) const { return Bound{instance_.lock(), instance_.state(thread)}; }
  std::unique_ptr<LockProbe> make_probe(int threads) const {
    return std::make_unique<InstanceProbe<Lock, State>>(
        make_, threads,
        std::vector<typename InstanceProbe<Lock, State>::Step>{
            {"lock", [](Lock& lock, State& state) { Ops::lock(lock, state); }},
            {"unlock", [](Lock& lock, State& state) { Ops::unlock(lock, state); }}});
  }

 private:
  typename LockSlot<Lock>::Make make_;
  LockInstance<Lock, State> instance_;
};

// A case that stresses the user's own lock type: a fresh `Lock` every trial (value-initialised,
// or made by `make_lock`: see LockFactory), and with a `State` each thread's own state for it (a
// queue node, a slot, a guard: lock_operations.hpp), each thread doing `iterations` x
// { lock(); count += 1; unlock(); }, with each thread's acquisitions tracked for the fairness
// snapshot. `expect` is Expect::safe for a lock meant to work; a deliberately broken lock
// declares its race (Expect::race_caught_by_both(), ..._plain_only(why), ..._tsan_only(why)).
template <class Lock, class State = NoState>
Case lock_case(std::string name, std::string description, Expect expect, ThreadLimit threads = {},
               Defaults defaults = {}) {
  return Case{
      std::move(name),
      std::move(description),
      std::move(expect),
      threads,
      [](int thread_count) {
        return std::make_unique<
            CounterWorkload<LockedIncrement<Lock, State>, Acquisitions::tracked>>(thread_count);
      },
      defaults};
}

template <class Lock, class State = NoState, LockFactory<Lock> Factory>
Case lock_case(std::string name, std::string description, Expect expect, Factory make_lock,
               ThreadLimit threads = {}, Defaults defaults = {}) {
  return Case{std::move(name),
              std::move(description),
              std::move(expect),
              threads,
              [make = LockSlot<Lock>::from(std::move(make_lock))](int thread_count) {
                return std::make_unique<
                    CounterWorkload<LockedIncrement<Lock, State>, Acquisitions::tracked>>(
                    thread_count, make);
              },
              defaults};
}

}  // namespace lockstress
