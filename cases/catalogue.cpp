#include "cases/catalogue.hpp"

namespace lockstress {

std::vector<Case> builtin_cases() {
  // The control first, then the counters without a lock, then the locks: the standard library's,
  // the textbook spin locks, and the broken ones, each beside the correct one it breaks; then the
  // other workloads: per-thread state (MCS), try-lock loops, C locks, reader-writer locks.
  return {
      unsafe_counter_case(),
      atomic_counter_case(),
      split_rmw_relaxed_case(),
      locked_counter_case(),
      std_shared_mutex_case(),
      std_recursive_mutex_case(),
      binary_semaphore_case(),
      pthread_spinlock_case(),
      spinlock_case(),
      spinlock_relaxed_case(),
      ttas_spinlock_case(),
      ticket_lock_case(),
      peterson_seq_cst_case(),
      peterson_acq_rel_case(),
      lock_order_inversion_case(),
      mcs_lock_case(),
      mcs_relaxed_handoff_case(),
      std_mutex_try_case(),
      c_spinlock_case(),
      c_try_spinlock_case(),
      c_check_then_set_case(),
      std_shared_mutex_rw_case(),
      pthread_rwlock_case(),
      rw_spinlock_case(),
      rw_readers_dont_wait_case(),
  };
}

}  // namespace lockstress
