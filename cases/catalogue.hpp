#pragma once

#include <vector>

#include "cases/unsafe_counter.hpp"
#include "lockstress/case.hpp"

namespace lockstress {

// The built-in cases' own defaults (Case::defaults), chosen so that `lockstress run`, every case
// in both variants, stays well under two minutes on a 2-CPU machine shared with other work. Under
// TSan each lock operation costs 0.2-2.5 us (measured here), so 5 threads x 100,000 iterations x
// 200 trials of one lock case would take 20-250 s; a TSan finding needs one unordered pair of
// accesses, not a million, and the broken cases here lose updates within 10,000 iterations
// (measured: the unlocked counter in 98% of 5 x 20,000 trials, Peterson's in 73-84% of 2 x 10,000).
// Counters and blocking locks: 5 threads (a waiter sleeps, so more threads than CPUs costs little).
inline constexpr Defaults kSuiteDefaults{.iterations = 10'000, .trials = 100};
// Spin-waiting locks: 2 threads. With more threads than CPUs a waiter spins or yields while the
// thread it waits for is descheduled: on 2 CPUs a trial of 5 threads takes seconds, not ms.
inline constexpr Defaults kSpinDefaults{.threads = 2, .iterations = 10'000, .trials = 100};

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

// Every built-in case, in the order `lockstress list` shows them.
std::vector<Case> builtin_cases();

}  // namespace lockstress
