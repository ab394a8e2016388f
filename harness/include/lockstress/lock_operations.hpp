#pragma once

#include <chrono>
#include <mutex>
#include <type_traits>

namespace lockstress {

// The per-thread state of a lock that needs none: lock() and unlock() on the lock itself.
struct NoState {};

// How lockstress takes and releases a `Lock` given a thread's `State`, the second template
// argument of lock_case, shared_lock_case and try_lock_case: one object per thread, made afresh
// for every trial (with the trial's fresh lock), never shared between threads, never a
// thread_local. Three shapes, tried in this order:
//
//   node:   lock.lock(state) / lock.unlock(state): a queue node (MCS, CLH), a slot (Anderson).
//           State is made from (Lock&, int thread), (Lock&) or (), whichever it has.
//   guard:  state.acquire(lock) / state.release(): oneTBB's scoped_lock. State is made from ()
//           (a guard's constructor from the lock would take it).
//   handle: state.lock() / state.unlock(): std::unique_lock. State is made from
//           (Lock&, std::defer_lock), else (Lock&, int thread), else (Lock&), none of which may
//           take the lock.
//
// With NoState, lock.lock() / lock.unlock(). The shared side (shared_lock_case) is
// lock.lock_shared(state) / lock.unlock_shared(state), state.acquire(lock, false) /
// state.release(), or lock.lock_shared() / lock.unlock_shared(); the try side (try_lock_case) is
// lock.try_lock(state), state.try_acquire(lock), state.try_lock() or lock.try_lock(), and
// try_lock_for(duration) the same way where the type has it.
template <class Lock, class State>
struct LockOperations {
  static constexpr bool kStateless = std::is_same_v<State, NoState>;
  static constexpr bool kNode = !kStateless && requires(Lock & lock, State& state) {
    lock.lock(state);
    lock.unlock(state);
  };
  static constexpr bool kGuard = !kStateless && !kNode && requires(Lock & lock, State& state) {
    state.acquire(lock);
    state.release();
  };
  static constexpr bool kHandle = !kStateless && !kNode && !kGuard && requires(State & state) {
    state.lock();
    state.unlock();
  };
  static_assert(kStateless || kNode || kGuard || kHandle,
                "lockstress: State is not a lock's per-thread state: neither lock.lock(state) / "
                "lock.unlock(state), state.acquire(lock) / state.release(), nor state.lock() / "
                "state.unlock() (see lockstress/lock_operations.hpp)");

  // Makes thread `thread`'s state at `where` (storage for a State).
  static State* make_state(void* where, Lock& lock, int thread) {
    if constexpr (kStateless || kGuard) {
      return ::new (where) State();
    } else if constexpr (kHandle && std::is_constructible_v<State, Lock&, std::defer_lock_t>) {
      return ::new (where) State(lock, std::defer_lock);
    } else if constexpr (std::is_constructible_v<State, Lock&, int>) {
      return ::new (where) State(lock, thread);
    } else if constexpr (std::is_constructible_v<State, Lock&>) {
      return ::new (where) State(lock);
    } else {
      static_assert(kNode,
                    "lockstress: a handle State needs (Lock&, std::defer_lock), "
                    "(Lock&, int thread) or (Lock&)");
      return ::new (where) State();
    }
  }

  static void lock(Lock& lock, State& state) {
    if constexpr (kStateless)
      lock.lock();
    else if constexpr (kNode)
      lock.lock(state);
    else if constexpr (kGuard)
      state.acquire(lock);
    else
      state.lock();
  }
  static void unlock(Lock& lock, State& state) {
    if constexpr (kStateless)
      lock.unlock();
    else if constexpr (kNode)
      lock.unlock(state);
    else if constexpr (kGuard)
      state.release();
    else
      state.unlock();
  }

  static constexpr bool kShared = requires(Lock & lock, State& state) {
    requires kStateless;
    lock.lock_shared();
    lock.unlock_shared();
  }
  || requires(Lock& lock, State& state) {
    requires kNode;
    lock.lock_shared(state);
    lock.unlock_shared(state);
  }
  || requires(Lock& lock, State& state) {
    requires kGuard;
    state.acquire(lock, false);
  };
  static void lock_shared(Lock& lock, State& state) {
    if constexpr (kStateless)
      lock.lock_shared();
    else if constexpr (kNode)
      lock.lock_shared(state);
    else
      state.acquire(lock, false);
  }
  static void unlock_shared(Lock& lock, State& state) {
    if constexpr (kStateless)
      lock.unlock_shared();
    else if constexpr (kNode)
      lock.unlock_shared(state);
    else
      state.release();
  }

  static constexpr bool kTry = requires(Lock & lock, State& state) {
    requires kStateless;
    { lock.try_lock() } -> std::convertible_to<bool>;
  }
  || requires(Lock& lock, State& state) {
    requires kNode;
    { lock.try_lock(state) } -> std::convertible_to<bool>;
  }
  || requires(Lock& lock, State& state) {
    requires kGuard;
    { state.try_acquire(lock) } -> std::convertible_to<bool>;
  }
  || requires(Lock& lock, State& state) {
    requires kHandle;
    { state.try_lock() } -> std::convertible_to<bool>;
  };
  static bool try_lock(Lock& lock, State& state) {
    if constexpr (kStateless)
      return lock.try_lock();
    else if constexpr (kNode)
      return lock.try_lock(state);
    else if constexpr (kGuard)
      return state.try_acquire(lock);
    else
      return state.try_lock();
  }

  static constexpr bool kTryFor = requires(Lock & lock, State& state, std::chrono::microseconds d) {
    requires kStateless;
    { lock.try_lock_for(d) } -> std::convertible_to<bool>;
  }
  || requires(Lock& lock, State& state, std::chrono::microseconds d) {
    // The lock's own try_lock_for too: std::unique_lock declares one for any mutex.
    requires kHandle;
    { state.try_lock_for(d) } -> std::convertible_to<bool>;
    { lock.try_lock_for(d) } -> std::convertible_to<bool>;
  };
  static bool try_lock_for(Lock& lock, State& state, std::chrono::microseconds d) {
    if constexpr (kStateless)
      return lock.try_lock_for(d);
    else
      return state.try_lock_for(d);
  }
};

}  // namespace lockstress
