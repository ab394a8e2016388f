#pragma once

#include <vector>

#include "cases/unsafe_counter.hpp"
#include "lockstress/case.hpp"

namespace lockstress {

// Spin-waiting cases run with 2 threads unless told otherwise: with more threads than CPUs, a
// waiter spins (or yields) while the thread it waits for is descheduled, and on a 2-CPU machine a
// trial of 5 threads takes seconds instead of milliseconds. Two threads also keep the gate's
// control cell cheap (see plan.cpp: the control runs at every point a case runs at).
inline constexpr Defaults kSpinDefaults{.threads = 2};

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
