#pragma once

#include <memory>
#include <string>
#include <utility>

#include "lockstress/case.hpp"
#include "lockstress/lock_instance.hpp"
#include "lockstress/lock_operations.hpp"
#include "lockstress/shared_lock_workload.hpp"

namespace lockstress {

// A case that stresses a reader-writer lock (std::shared_mutex, pthread_rwlock_t, oneTBB's
// spin_rw_mutex, ...): SharedLockWorkload, each iteration one write under the exclusive side and
// one read under the shared side, with a fresh lock every trial (value-initialised, or made by
// `make_lock`) and, with a `State`, each thread's own state (lock_operations.hpp). A trial fails
// when a reader saw a torn pair (a writer was in beside it) or a write was lost (two writers were
// in at once). At least two threads: one alone has nobody to be excluded from.
template <class Lock, class State = NoState>
Case shared_lock_case(std::string name, std::string description, Expect expect,
                      ThreadLimit threads = {2, kMaxThreads}, Defaults defaults = {}) {
  return Case{std::move(name),
              std::move(description),
              std::move(expect),
              threads,
              [](int thread_count) {
                return std::make_unique<SharedLockWorkload<Lock, State>>(thread_count);
              },
              defaults};
}

template <class Lock, class State = NoState, LockFactory<Lock> Factory>
Case shared_lock_case(std::string name, std::string description, Expect expect, Factory make_lock,
                      ThreadLimit threads = {2, kMaxThreads}, Defaults defaults = {}) {
  return Case{std::move(name),
              std::move(description),
              std::move(expect),
              threads,
              [make = LockSlot<Lock>::from(std::move(make_lock))](int thread_count) {
                return std::make_unique<SharedLockWorkload<Lock, State>>(thread_count, make);
              },
              defaults};
}

}  // namespace lockstress
