#pragma once

#include <string>
#include <type_traits>
#include <utility>

#include "lockstress/case.hpp"
#include "lockstress/lock_case.hpp"
#include "lockstress/shared_lock_case.hpp"
#include "lockstress/try_lock_case.hpp"

namespace lockstress {

// Locks with a C interface, used as they are: functions taking a pointer to the lock, and for a
// lock with per-thread state (a queue node) a pointer to the thread's state too, given as template
// arguments (compile-time constants: the calls are direct, and inlined where the compiler can).
//
//   c_lock_case<ck_spinlock_fas_lock, ck_spinlock_fas_unlock>("ck_fas", ..., Expect::safe)
//   c_lock_case<my_mcs_lock, my_mcs_unlock>(...)   // void my_mcs_lock(mcs_t*, mcs_node_t*)
//   c_try_lock_case<pthread_spin_trylock, pthread_spin_unlock, pthread_spin_init,
//                   pthread_spin_destroy>(...)
//   c_shared_lock_case<pthread_rwlock_wrlock, pthread_rwlock_unlock, pthread_rwlock_rdlock,
//                      pthread_rwlock_unlock, pthread_rwlock_init, pthread_rwlock_destroy>(...)
//
// The lock is zero-initialised (what C's static initialisers amount to for most locks), then
// `Init` is called on it when given, with every further argument zero (pthread_*_init(&lock,
// NULL), pthread_spin_init(&lock, 0)); `Destroy`, when given, before it goes. A per-thread state
// is zero-initialised. A try function returning bool succeeded when true; one returning an int
// succeeded when 0, the POSIX convention (pthread_mutex_trylock, mtx_trylock). Return values of the
// others are ignored. The functions may come from C sources compiled by lockstress_add_runner (a
// shim around a header that is not C++, like Concurrency Kit's mcs.h): docs/your-own-locks.md, "C locks".

// What a C lock function works on: the lock type, the per-thread state it takes (NoState if
// none), and what it returns.
template <class F>
struct CFunction;
template <class R, class T>
struct CFunction<R (*)(T*)> {
  using Object = T;
  using State = NoState;
  using Result = R;
};
template <class R, class T, class S>
struct CFunction<R (*)(T*, S*)> {
  using Object = T;
  using State = S;
  using Result = R;
};
template <class R, class T>
struct CFunction<R (*)(T*) noexcept> : CFunction<R (*)(T*)> {};
template <class R, class T, class S>
struct CFunction<R (*)(T*, S*) noexcept> : CFunction<R (*)(T*, S*)> {};

// Calls a C function on `object`, with zero for every further argument.
template <auto F, class T>
void call_with_zeros(T* object) {
  [&]<class R, class U, class... Rest>(R (*)(U*, Rest...)) { F(object, Rest{}...); }(+F);
}

template <auto F>
bool c_try_succeeded(typename CFunction<decltype(F)>::Result result) {
  if constexpr (std::is_same_v<typename CFunction<decltype(F)>::Result, bool>) {
    return result;
  } else {
    return result == 0;
  }
}

// The C lock as a C++ lock object. `Lock`/`Unlock` decide the shape: f(T*) for a lock without
// state, f(T*, S*) for one with a state S per thread (lock_operations.hpp's node shape).
template <auto Lock, auto Unlock, auto Init = nullptr, auto Destroy = nullptr,
          auto TryLock = nullptr, auto LockShared = nullptr, auto UnlockShared = nullptr>
class CLock {
 public:
  using Object = typename CFunction<decltype(Lock)>::Object;
  using State = typename CFunction<decltype(Lock)>::State;

  CLock() {
    if constexpr (Init != nullptr) call_with_zeros<Init>(&object_);
  }
  ~CLock() {
    if constexpr (Destroy != nullptr) call_with_zeros<Destroy>(&object_);
  }
  CLock(const CLock&) = delete;
  CLock& operator=(const CLock&) = delete;

  void lock() requires std::is_same_v<State, NoState> { Lock(&object_); }
  void unlock() requires std::is_same_v<State, NoState> { Unlock(&object_); }
  void lock(State& state) requires(!std::is_same_v<State, NoState>) { Lock(&object_, &state); }
  void unlock(State& state) requires(!std::is_same_v<State, NoState>) { Unlock(&object_, &state); }
  bool try_lock() requires(TryLock != nullptr) {
    return c_try_succeeded<TryLock>(TryLock(&object_));
  }
  void lock_shared() requires(LockShared != nullptr) { LockShared(&object_); }
  void unlock_shared() requires(UnlockShared != nullptr) { UnlockShared(&object_); }

 private:
  Object object_{};
};

template <auto Lock, auto Unlock, auto Init = nullptr, auto Destroy = nullptr>
Case c_lock_case(std::string name, std::string description, Expect expect, ThreadLimit threads = {},
                 Defaults defaults = {}) {
  using L = CLock<Lock, Unlock, Init, Destroy>;
  return lock_case<L, typename L::State>(std::move(name), std::move(description), std::move(expect),
                                         threads, defaults);
}

// try_lock_case with a C lock: `TryLock` tries, `Unlock` releases; no per-thread state.
template <auto TryLock, auto Unlock, auto Init = nullptr, auto Destroy = nullptr>
Case c_try_lock_case(std::string name, std::string description, Expect expect,
                     ThreadLimit threads = {}, Defaults defaults = {}) {
  using L = CLock<TryLock, Unlock, Init, Destroy, TryLock>;
  return try_lock_case<L>(std::move(name), std::move(description), std::move(expect), threads,
                          defaults);
}

// shared_lock_case with a C reader-writer lock; no per-thread state.
template <auto Lock, auto Unlock, auto LockShared, auto UnlockShared, auto Init = nullptr,
          auto Destroy = nullptr>
Case c_shared_lock_case(std::string name, std::string description, Expect expect,
                        ThreadLimit threads = {2, kMaxThreads}, Defaults defaults = {}) {
  using L = CLock<Lock, Unlock, Init, Destroy, nullptr, LockShared, UnlockShared>;
  return shared_lock_case<L>(std::move(name), std::move(description), std::move(expect), threads,
                             defaults);
}

}  // namespace lockstress
