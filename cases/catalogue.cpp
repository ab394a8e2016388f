#include "cases/catalogue.hpp"

namespace lockstress {

std::vector<Case> builtin_cases() {
  // The control first, then the counters without a lock, then the locks: the standard library's,
  // the textbook spin locks, and the broken ones, each beside the correct one it breaks.
  return {
      unsafe_counter_case(),   atomic_counter_case(),   split_rmw_relaxed_case(),
      locked_counter_case(),   std_shared_mutex_case(), std_recursive_mutex_case(),
      binary_semaphore_case(), pthread_spinlock_case(), spinlock_case(),
      spinlock_relaxed_case(), ttas_spinlock_case(),    ticket_lock_case(),
      peterson_seq_cst_case(), peterson_acq_rel_case(), lock_order_inversion_case(),
  };
}

}  // namespace lockstress
