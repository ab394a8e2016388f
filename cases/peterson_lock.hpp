#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "cases/spin_wait.hpp"
#include "lockstress/case.hpp"
#include "lockstress/counter_workload.hpp"
#include "lockstress/unlocked_increment.hpp"

namespace lockstress {

// Peterson's two-thread lock, with the memory orders of its stores and loads as template
// parameters: compile-time constants, because g++ treats a memory order passed at run time as
// seq_cst and would hide the acquire/release variant's bug.
//
// It is correct only if each thread's store to its own flag is visible before it loads the other
// thread's flag. Acquire/release does not promise that (a store followed by a load of another
// location may be reordered: x86's store buffer does it), and seq_cst does.
template <std::memory_order kStore, std::memory_order kLoad>
class PetersonLock {
 public:
  void lock(int me) {
    const int other = 1 - me;
    interested_[me].store(true, kStore);
    turn_.store(other, kStore);
    for (SpinWait wait; interested_[other].load(kLoad) && turn_.load(kLoad) == other;) wait.once();
  }
  void unlock(int me) { interested_[me].store(false, kStore); }

 private:
  std::atomic<bool> interested_[2] = {false, false};
  std::atomic<int> turn_{0};
};

template <std::memory_order kStore, std::memory_order kLoad>
struct PetersonIncrement {
  PetersonLock<kStore, kLoad> lock;
  void operator()(std::int64_t& count, int thread) {
    lock.lock(thread);
    unlocked_increment(count);
    lock.unlock(thread);
  }
};

// Exactly two threads: Peterson's lock knows two.
inline constexpr ThreadLimit kPetersonThreads{2, 2};

template <std::memory_order kStore, std::memory_order kLoad>
std::unique_ptr<Workload> make_peterson_workload(int threads) {
  return std::make_unique<CounterWorkload<PetersonIncrement<kStore, kLoad>, Acquisitions::tracked>>(
      threads);
}

}  // namespace lockstress
