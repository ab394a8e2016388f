#include "cases/mcs_lock.hpp"

#include "cases/catalogue.hpp"
#include "lockstress/lock_case.hpp"

namespace lockstress {

Case mcs_lock_case() {
  using Lock = McsLock<std::memory_order_release>;
  return lock_case<Lock, Lock::Node>(
      "mcs_lock", "MCS queue lock, each thread's node its own (lock(node) / unlock(node))",
      // Each handoff is a release store the next holder's acquire load reads; an uncontended
      // release is the compare-exchange on the tail that the next exchange reads.
      Expect::safe, {}, kLockDefaults);
}

Case mcs_relaxed_handoff_case() {
  using Lock = McsLock<std::memory_order_relaxed>;
  return lock_case<Lock, Lock::Node>(
      "mcs_relaxed_handoff", "MCS queue lock whose handoff store is relaxed",
      // The successor still waits for the store and so never enters early: exclusion holds, but
      // nothing orders the previous holder's increment before its own. TSan sees the missing
      // edge; on x86 every store is a release anyway, so the plain build loses nothing.
      Expect::race_caught_by_tsan_only(
          "x86 orders every store as a release, so the relaxed handoff still publishes the "
          "counter; only a weakly ordered CPU (Arm, POWER) or the compiler could let the next "
          "holder read an old count")
          // Under the C++ memory model the next holder's load of the counter may read a store
          // older than the previous holder's increment: the model loses updates.
          .caught_by_model_too(),
      {}, kLockDefaults);
}

}  // namespace lockstress
