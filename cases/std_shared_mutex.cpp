#include <shared_mutex>

#include "cases/catalogue.hpp"
#include "lockstress/lock_case.hpp"

namespace lockstress {

Case std_shared_mutex_case() {
  return lock_case<std::shared_mutex>(
      "std_shared_mutex", "std::shared_mutex taken exclusively (lock/unlock)",
      // Exclusive ownership orders every increment after the previous one (glibc: a
      // pthread_rwlock, which TSan intercepts and so sees).
      Expect::safe, {}, kLockDefaults);
}

}  // namespace lockstress
