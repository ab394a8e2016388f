#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "sanitizers/model/options.hpp"
#include "sanitizers/model/vector_clock.hpp"

namespace lockstress::model {

class Chooser;

// What the memory model keeps per thread: its vector clock and what its fences and relaxed
// loads have left pending.
struct ThreadMemory {
  VectorClock clock;
  // The clock at this thread's last release fence: its later relaxed stores release it.
  VectorClock fence_release;
  bool has_fence_release = false;
  // The release clocks of the stores its relaxed loads read: an acquire fence acquires them.
  VectorClock acquire_pending;
  // seq_cst fences: the stores that precede (in S) this thread's last seq_cst fence.
  VectorClock sc_fence_view;
  std::int64_t last_sc_fence_step = -1;
};

struct Store {
  unsigned __int128 value = 0;
  int thread = -1;  // -1: the value the location held when the model first saw it
  std::uint32_t epoch = 0;
  std::int64_t step = -1;
  bool seq_cst = false;
  VectorClock release;  // what an acquire reading this store (or its release sequence) acquires
};

// Per-location store histories, in modification order. Stores are appended as they execute (one
// thread runs at a time), so modification order is execution order: the model never places a
// store before one that already executed, and so cannot produce 2+2W or load buffering (see the
// README's "what the model cannot see").
//
// A load may read any store at or after its coherence floor: the latest store that happens
// before it (CoWR), the store its thread last read or wrote there (CoRR, CoRW), for a seq_cst
// load the latest seq_cst store (and whatever seq_cst fences order before it), and after a
// seq_cst fence what that fence orders (C++17 [atomics.order] 4-6). Read-modify-writes read the
// latest store. Under Memory::sc every load reads the latest store.
class MemoryModel {
 public:
  explicit MemoryModel(Memory memory) : memory_(memory) {}

  struct Read {
    unsigned __int128 value = 0;
    int location = -1;
    std::int32_t index = -1;  // into the location's history
    int store_thread = -1;    // of the store read (copied: the history grows)
    std::int64_t store_step = -1;
    bool stale = false;
  };

  // `real` is what memory holds now: a value other than the latest store's was written by code
  // the model does not see (uninstrumented), and becomes a store of its own.
  Read load(ThreadMemory& self, int thread, std::uintptr_t address, std::uint32_t size,
            unsigned __int128 real, int order, bool force_latest, std::int64_t step,
            Chooser& chooser);
  // Appends a store (the caller writes memory). `rmw`: the store of a read-modify-write, which
  // continues the release sequence of the store it read (the latest).
  void store(ThreadMemory& self, int thread, int location, unsigned __int128 value, int order,
             bool rmw, std::int64_t step);
  // The read half of a read-modify-write (or failed compare-exchange, with its failure order):
  // the latest store.
  Read read_latest(ThreadMemory& self, int thread, std::uintptr_t address, std::uint32_t size,
                   unsigned __int128 real, int order, std::int64_t step);
  void fence(ThreadMemory& self, int thread, int order, std::int64_t step);
  // The location at `address`, created (or brought up to date with `real`) on the way.
  int touch(std::uintptr_t address, std::uint32_t size, unsigned __int128 real) {
    return locate(address, size, real);
  }
  bool tracks_any() const { return !by_address_.empty(); }

  int location_count() const { return static_cast<int>(locations_.size()); }
  std::uintptr_t address_of(int location) const { return locations_[location].address; }
  const std::vector<Store>& history(int location) const { return locations_[location].stores; }

 private:
  struct Location {
    std::uintptr_t address = 0;
    std::uint32_t size = 0;
    std::vector<Store> stores;
    std::vector<std::int32_t> last_read;  // per thread: CoRR floor
    std::int32_t last_sc_store = -1;
  };
  int locate(std::uintptr_t address, std::uint32_t size, unsigned __int128 real);
  std::int32_t floor(const ThreadMemory& self, int thread, const Location& location,
                     int order) const;
  void acquire(ThreadMemory& self, const Store& store, int order);
  void note_read(Location& location, int thread, std::int32_t index);

  Memory memory_;
  std::vector<Location> locations_;
  std::unordered_map<std::uintptr_t, int> by_address_;
  VectorClock sc_fence_clock_;  // per thread: the epoch of its latest seq_cst fence
};

bool is_acquire(int order);
bool is_release(int order);

}  // namespace lockstress::model
