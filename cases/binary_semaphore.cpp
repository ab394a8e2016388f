#include <semaphore>

#include "cases/catalogue.hpp"
#include "lockstress/lock_case.hpp"

namespace lockstress {
namespace {

// A C++20 binary semaphore used as a lock: acquire takes the one permit, release returns it.
class SemaphoreLock {
 public:
  void lock() { permit_.acquire(); }
  void unlock() { permit_.release(); }

 private:
  std::binary_semaphore permit_{1};
};

}  // namespace

Case binary_semaphore_case() {
  return lock_case<SemaphoreLock>(
      "binary_semaphore", "std::binary_semaphore(1) as a lock: acquire() / release()",
      // release() synchronizes with the acquire() that takes the permit (libstdc++: an atomic
      // counter and a futex, both visible to TSan), so the increments are ordered.
      Expect::safe, {}, kSuiteDefaults);
}

}  // namespace lockstress
