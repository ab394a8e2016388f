#pragma once

#include <cstdint>
#include <unordered_map>

#include "sanitizers/model/vector_clock.hpp"

namespace lockstress::model {

// The model's own state of the synchronisation objects a schedule uses, keyed by their address.
// The real objects are never touched inside a schedule: only one thread runs at a time, so a
// lock the model holds for a thread is held as far as every other thread can tell.
struct MutexState {
  int owner = -1;     // thread id; readers of an rwlock are counted instead
  int recursion = 0;  // recursive mutexes
  int readers = 0;
  VectorClock released;  // the clock of its last release: what acquiring it acquires
};

struct SemaphoreState {
  bool known = false;
  std::int64_t value = 0;
  VectorClock released;
};

struct SyncObjects {
  std::unordered_map<const void*, MutexState> mutexes;
  std::unordered_map<const void*, SemaphoreState> semaphores;
};

}  // namespace lockstress::model
