#pragma once

#include <vector>

#include "cases/unsafe_counter.hpp"
#include "lockstress/case.hpp"

namespace lockstress {

// The built-in cases' own defaults (Case::defaults), chosen so that `lockstress run`, every case
// in both variants, stays well under two minutes on a 2-CPU machine shared with other work, and
// so that each point it runs at is one where the control unsafe_counter shows its race in every
// runner process, since the control at a cell's point is that cell's gate. The measurements
// behind them: bench/README.md, "The built-in cases at their defaults".
// Counters: the lesson's 5 threads x 100,000 (atomics cost little under TSan).
inline constexpr Defaults kCounterDefaults{.trials = 100};
// Locks other than std::mutex (locked_counter keeps the lesson's parameters whole): 2 threads x
// 10,000. Spin-waiting locks need it: with more threads than CPUs a waiter spins or yields while
// the thread it waits for is descheduled. Blocking ones too: at 5 threads their trials are long,
// and at 5 x 10,000 their gate is unreliable. A TSan finding needs one unordered pair of
// accesses, and the broken locks here lose updates within 10,000 iterations.
inline constexpr Defaults kLockDefaults{.threads = 2, .iterations = 10'000, .trials = 100};

Case atomic_counter_case();
Case split_rmw_relaxed_case();
Case locked_counter_case();
Case spinlock_case();
Case ttas_spinlock_case();
Case ticket_lock_case();
Case spinlock_relaxed_case();
Case peterson_seq_cst_case();
Case peterson_acq_rel_case();
Case std_shared_mutex_case();
Case std_recursive_mutex_case();
Case pthread_spinlock_case();
Case binary_semaphore_case();
Case lock_order_inversion_case();
Case mcs_lock_case();
Case mcs_relaxed_handoff_case();
Case std_mutex_try_case();
Case c_spinlock_case();
Case c_try_spinlock_case();
Case c_check_then_set_case();
Case std_shared_mutex_rw_case();
Case pthread_rwlock_case();
Case rw_spinlock_case();
Case rw_readers_dont_wait_case();

// Every built-in case, in the order `lockstress list` shows them.
std::vector<Case> builtin_cases();

}  // namespace lockstress
