#pragma once

#include <thread>

#include "lockstress/cpu_relax.hpp"

namespace lockstress {

// The wait loop of the built-in spin locks: the CPU's spin hint, then, after a while, yielding the
// CPU. Without the yield, a waiter on a machine with fewer CPUs than threads can spin through
// whole scheduler time slices while the thread it waits for is not running (bench/README.md,
// "The built-in cases at their defaults"). Yielding changes how long a waiter waits, never
// what the lock's atomics order.
class SpinWait {
 public:
  void once() {
    if (++spins_ < kSpinsBeforeYield) {
      cpu_relax();
    } else {
      std::this_thread::yield();
    }
  }

 private:
  static constexpr int kSpinsBeforeYield = 256;
  int spins_ = 0;
};

}  // namespace lockstress
