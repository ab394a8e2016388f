#include "cases/catalogue.hpp"
#include "cases/peterson_lock.hpp"

namespace lockstress {

Case peterson_acq_rel_case() {
  return Case{
      "peterson_acq_rel", "Peterson's two-thread lock with release stores and acquire loads",
      // Broken on real hardware: each thread's flag store can still sit in its CPU's store buffer
      // when it loads the other's flag, so both see "not interested" and both enter (x86 allows
      // exactly this store-load reordering). The plain build loses an update or two in a fraction
      // of trials. TSan cannot see it: it checks the happens-before order of the execution that
      // actually ran, in which every load read the latest store, and its instrumented atomics
      // never leave a store buffered.
      Expect::race_caught_by_plain_only(
          "store-buffer reordering is invisible to happens-before analysis")
          // The model's loads may read the other's older flag store, as a store buffer lets them.
          .caught_by_model_too(),
      kPetersonThreads,
      make_peterson_workload<std::memory_order_release, std::memory_order_acquire>, kLockDefaults};
}

}  // namespace lockstress
