#include <mutex>

#include "cases/catalogue.hpp"
#include "lockstress/try_lock_case.hpp"

namespace lockstress {

Case std_mutex_try_case() {
  return try_lock_case<std::mutex>(
      "std_mutex_try", "std::mutex taken by try_lock() loops",
      // pthread_mutex_trylock, which TSan intercepts: a successful try acquires.
      Expect::safe, {}, kLockDefaults);
}

}  // namespace lockstress
