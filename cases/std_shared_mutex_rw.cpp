#include <shared_mutex>

#include "cases/catalogue.hpp"
#include "lockstress/shared_lock_case.hpp"

namespace lockstress {

Case std_shared_mutex_rw_case() {
  return shared_lock_case<std::shared_mutex>(
      "std_shared_mutex_rw", "std::shared_mutex, writers exclusive and readers shared",
      // glibc's pthread_rwlock underneath, which TSan intercepts: both sides are seen.
      Expect::safe, {2, kMaxThreads}, kLockDefaults);
}

}  // namespace lockstress
