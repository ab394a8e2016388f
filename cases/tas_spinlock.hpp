#pragma once

#include <atomic>

#include "cases/spin_wait.hpp"

namespace lockstress {

// The textbook test-and-set spin lock, with the memory orders of its two operations as template
// parameters: compile-time constants, because g++ treats a memory order passed at run time as
// seq_cst and would hide the relaxed variant's bug.
template <std::memory_order kLockOrder, std::memory_order kUnlockOrder>
class TasSpinlock {
 public:
  void lock() {
    for (SpinWait wait; locked_.test_and_set(kLockOrder);) wait.once();
  }
  void unlock() { locked_.clear(kUnlockOrder); }

 private:
  std::atomic_flag locked_ = ATOMIC_FLAG_INIT;
};

}  // namespace lockstress
