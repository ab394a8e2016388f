#include <mutex>

#include "cases/catalogue.hpp"
#include "lockstress/lock_case.hpp"

namespace lockstress {

Case locked_counter_case() {
  return lock_case<std::mutex>("locked_counter", "the same increments, each under a std::mutex",
                               // The mutex orders every increment after the previous one: nothing
                               // may be lost, and TSan sees the lock's happens-before edges.
                               // The lesson's own parameters (lockstress's defaults, 5 x 100,000
                               // x 200), beside unsafe_counter's: 22 s of the default run here.
                               Expect::safe, {}, {});
}

}  // namespace lockstress
