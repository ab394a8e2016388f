#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "lockstress/lock_operations.hpp"
#include "lockstress/workload.hpp"

namespace lockstress {

// A function that makes a lock for a trial: called with the trial's thread count, or with
// nothing, and returning the lock by value (made in place, so it need not be movable) or as a
// std::unique_ptr. The factory of lock_case(..., make_lock, ...), for a lock that needs
// constructor arguments.
template <class F, class Lock>
concept LockFactory = std::is_invocable_v<F&, int> || std::is_invocable_v<F&>;

// The lock of one trial, made by a factory (or value-initialised) into storage of its own.
template <class Lock>
class LockSlot {
 public:
  // Makes the lock in `storage`, or returns one it allocated with new.
  using Make = std::function<Lock*(void* storage, int threads)>;

  // Value-initialised locks.
  static Make value_initialised() requires std::is_default_constructible_v<Lock> {
    return [](void* storage, int) { return ::new (storage) Lock(); };
  }
  // Locks from `factory`.
  template <LockFactory<Lock> F>
  static Make from(F factory) {
    return adapt(std::move(factory));
  }

  explicit LockSlot(Make make) : make_(std::move(make)) {}
  LockSlot(const LockSlot&) = delete;
  LockSlot& operator=(const LockSlot&) = delete;
  ~LockSlot() { destroy(); }

  Lock& renew(int threads) {
    destroy();
    lock_ = make_(storage_, threads);
    return *lock_;
  }
  Lock& get() const { return *lock_; }

 private:
  template <class F>
  static Make adapt(F factory) {
    return [factory = std::move(factory)](void* storage, int threads) mutable -> Lock* {
      auto call = [&]() -> decltype(auto) {
        if constexpr (std::is_invocable_v<F&, int>) {
          return factory(threads);
        } else {
          return factory();
        }
      };
      using Made = decltype(call());
      if constexpr (std::is_same_v<Made, std::unique_ptr<Lock>>) {
        return call().release();
      } else {
        static_assert(std::is_same_v<Made, Lock>,
                      "lockstress: a lock factory returns the Lock by value or a "
                      "std::unique_ptr<Lock>");
        return ::new (storage) Lock(call());
      }
    };
  }
  void destroy() {
    if (lock_ == nullptr) return;
    if (static_cast<void*>(lock_) == static_cast<void*>(storage_)) {
      lock_->~Lock();
    } else {
      delete lock_;
    }
    lock_ = nullptr;
  }

  Make make_;
  Lock* lock_ = nullptr;
  alignas(Lock) unsigned char storage_[sizeof(Lock)];
};

// Each thread's State for one trial's lock, each on a cache line of its own (a queue node that
// shared a line with another thread's would make the lock look slower than it is).
template <class Lock, class State>
class ThreadStates {
  using Ops = LockOperations<Lock, State>;

 public:
  ThreadStates() = default;
  ThreadStates(const ThreadStates&) = delete;
  ThreadStates& operator=(const ThreadStates&) = delete;
  ~ThreadStates() { clear(); }

  void renew(Lock& lock, int threads) {
    clear();
    if (!slots_ || threads != threads_) {
      slots_ = std::make_unique<Slot[]>(static_cast<std::size_t>(threads));
      threads_ = threads;
    }
    for (int t = 0; t < threads; ++t) {
      slots_[t].state = Ops::make_state(slots_[t].bytes, lock, t);
    }
  }
  State& operator[](int thread) const { return *slots_[thread].state; }
  // Every state gone, before the lock they belong to.
  void clear() {
    for (int t = 0; slots_ && t < threads_; ++t) {
      if (slots_[t].state) slots_[t].state->~State();
      slots_[t].state = nullptr;
    }
  }

 private:
  struct alignas(64) Slot {
    alignas(State) unsigned char bytes[sizeof(State)];
    State* state = nullptr;
  };

  std::unique_ptr<Slot[]> slots_;
  int threads_ = 0;
};

// Without state, nothing per thread.
template <class Lock>
class ThreadStates<Lock, NoState> {
 public:
  void renew(Lock&, int) {}
  NoState& operator[](int) const { return state_; }
  void clear() {}

 private:
  mutable NoState state_;
};

// A trial's lock and its threads' states together.
template <class Lock, class State>
class LockInstance {
 public:
  explicit LockInstance(typename LockSlot<Lock>::Make make) : lock_(std::move(make)) {}

  void renew(int threads) {
    states_.clear();
    states_.renew(lock_.renew(threads), threads);
  }
  Lock& lock() const { return lock_.get(); }
  State& state(int thread) const { return states_[thread]; }

 private:
  // Declared in this order so that the states go first.
  LockSlot<Lock> lock_;
  ThreadStates<Lock, State> states_;
};

// The probe of a lock case (Workload::lock_probe): a lock of its own, made like the trials' with
// the trial's thread count, and thread 0's state; `steps` name the operations and perform them.
template <class Lock, class State>
class InstanceProbe final : public LockProbe {
 public:
  struct Step {
    const char* name;
    void (*run)(Lock&, State&);
  };

  InstanceProbe(typename LockSlot<Lock>::Make make, int threads, std::vector<Step> steps)
      : instance_(std::move(make)), steps_(std::move(steps)) {
    instance_.renew(threads);
  }
  std::vector<std::string> operations() const override {
    std::vector<std::string> names;
    for (const Step& step : steps_) names.emplace_back(step.name);
    return names;
  }
  void run(std::size_t index) override { steps_[index].run(instance_.lock(), instance_.state(0)); }

 private:
  LockInstance<Lock, State> instance_;
  std::vector<Step> steps_;
};

}  // namespace lockstress
