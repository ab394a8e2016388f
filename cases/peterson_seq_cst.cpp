#include "cases/catalogue.hpp"
#include "cases/peterson_lock.hpp"

namespace lockstress {

Case peterson_seq_cst_case() {
  return Case{"peterson_seq_cst", "Peterson's two-thread lock, every store and load seq_cst",
              // seq_cst puts all four flag and turn accesses in one total order, so a thread's own
              // flag store is visible before it reads the other's flag: mutual exclusion holds
              // (x86: the stores are xchg, which drains the store buffer).
              Expect::safe, kPetersonThreads,
              make_peterson_workload<std::memory_order_seq_cst, std::memory_order_seq_cst>,
              kLockDefaults};
}

}  // namespace lockstress
