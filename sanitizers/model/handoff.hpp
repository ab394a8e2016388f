#pragma once

#include <atomic>
#include <cstdint>

namespace lockstress::model {

// Futex waits and wakes through the real syscall(), never the model's own interposer.
// wait_until_set spins briefly first: the thread handing over is about to block, and on a
// machine with a CPU free the woken thread is often running again within microseconds.
void wait_until_set(std::atomic<std::uint32_t>& word);  // returns once the word is 1
void set_and_wake(std::atomic<std::uint32_t>& word);

}  // namespace lockstress::model
