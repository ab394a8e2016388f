#pragma once

#include <chrono>
#include <concepts>
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
// With NoState, lock.lock() / lock.unlock(), or in Google's spelling lock.Lock() / lock.Unlock()
// (absl::Mutex: ReaderLock() / ReaderUnlock(), TryLock()). The shared side (shared_lock_case) is
// lock.lock_shared(state) / lock.unlock_shared(state), state.acquire(lock, false) /
// state.release(), or lock.lock_shared() / lock.unlock_shared(); the try side (try_lock_case) is
// lock.try_lock(state), state.try_acquire(lock), state.try_lock() or lock.try_lock(), and
// try_lock_for(duration) on the lock, or on a handle whose lock has it.

namespace shape {

// unlock() alone: a lock taken only by trying (try_lock_case) need not have lock().
template <class L>
concept Plain = requires(L& lock) {
  lock.unlock();
};
template <class L>
concept Capitalised = !Plain<L> && requires(L & lock) {
  lock.Unlock();
};
template <class L, class S>
concept Node = requires(L& lock, S& state) {
  lock.lock(state);
  lock.unlock(state);
};
template <class L, class S>
concept Guard = requires(L& lock, S& state) {
  state.acquire(lock);
  state.release();
};
template <class S>
concept Handle = requires(S& state) {
  state.lock();
  state.unlock();
};

}  // namespace shape

template <class Lock, class State>
struct LockOperations {
  static constexpr bool kStateless = std::is_same_v<State, NoState>;
  static constexpr bool kCapitalised = kStateless && shape::Capitalised<Lock>;
  static constexpr bool kNode = !kStateless && shape::Node<Lock, State>;
  static constexpr bool kGuard = !kStateless && !kNode && shape::Guard<Lock, State>;
  static constexpr bool kHandle = !kStateless && !kNode && !kGuard && shape::Handle<State>;
  static_assert(!kStateless || shape::Plain<Lock> || kCapitalised,
                "lockstress: the lock has neither unlock() nor Unlock(); with per-thread state, "
                "name its type (see lockstress/lock_operations.hpp)");
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
    if constexpr (kCapitalised) {
      lock.Lock();
    } else if constexpr (kStateless) {
      lock.lock();
    } else if constexpr (kNode) {
      lock.lock(state);
    } else if constexpr (kGuard) {
      state.acquire(lock);
    } else {
      state.lock();
    }
  }
  static void unlock(Lock& lock, State& state) {
    if constexpr (kCapitalised) {
      lock.Unlock();
    } else if constexpr (kStateless) {
      lock.unlock();
    } else if constexpr (kNode) {
      lock.unlock(state);
    } else if constexpr (kGuard) {
      state.release();
    } else {
      state.unlock();
    }
  }

  static constexpr bool kShared = [] {
    if constexpr (kCapitalised) {
      return requires(Lock & lock) {
        lock.ReaderLock();
        lock.ReaderUnlock();
      };
    } else if constexpr (kStateless) {
      return requires(Lock & lock) {
        lock.lock_shared();
        lock.unlock_shared();
      };
    } else if constexpr (kNode) {
      return requires(Lock & lock, State & state) {
        lock.lock_shared(state);
        lock.unlock_shared(state);
      };
    } else if constexpr (kGuard) {
      return requires(Lock & lock, State & state) { state.acquire(lock, false); };
    } else {
      return false;
    }
  }();

  static void lock_shared(Lock& lock, State& state) {
    if constexpr (kCapitalised) {
      lock.ReaderLock();
    } else if constexpr (kStateless) {
      lock.lock_shared();
    } else if constexpr (kNode) {
      lock.lock_shared(state);
    } else {
      state.acquire(lock, false);
    }
  }
  static void unlock_shared(Lock& lock, State& state) {
    if constexpr (kCapitalised) {
      lock.ReaderUnlock();
    } else if constexpr (kStateless) {
      lock.unlock_shared();
    } else if constexpr (kNode) {
      lock.unlock_shared(state);
    } else {
      state.release();
    }
  }

  static constexpr bool kTry = [] {
    if constexpr (kCapitalised) {
      return requires(Lock & lock) {
        { lock.TryLock() } -> std::convertible_to<bool>;
      };
    } else if constexpr (kStateless) {
      return requires(Lock & lock) {
        { lock.try_lock() } -> std::convertible_to<bool>;
      };
    } else if constexpr (kNode) {
      return requires(Lock & lock, State & state) {
        { lock.try_lock(state) } -> std::convertible_to<bool>;
      };
    } else if constexpr (kGuard) {
      return requires(Lock & lock, State & state) {
        { state.try_acquire(lock) } -> std::convertible_to<bool>;
      };
    } else {
      return requires(State & state) {
        { state.try_lock() } -> std::convertible_to<bool>;
      };
    }
  }();

  static bool try_lock(Lock& lock, State& state) {
    if constexpr (kCapitalised) {
      return lock.TryLock();
    } else if constexpr (kStateless) {
      return lock.try_lock();
    } else if constexpr (kNode) {
      return lock.try_lock(state);
    } else if constexpr (kGuard) {
      return state.try_acquire(lock);
    } else {
      return state.try_lock();
    }
  }

  // The lock's own try_lock_for in both cases: std::unique_lock declares one for any mutex.
  static constexpr bool kTryFor = (kStateless || kHandle) && !kCapitalised &&
                                  requires(Lock & lock, std::chrono::microseconds d) {
    { lock.try_lock_for(d) } -> std::convertible_to<bool>;
  };
  static bool try_lock_for(Lock& lock, State& state, std::chrono::microseconds d) {
    if constexpr (kStateless) {
      return lock.try_lock_for(d);
    } else {
      return state.try_lock_for(d);
    }
  }
};

}  // namespace lockstress
