#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "sanitizers/model/vector_clock.hpp"

namespace lockstress::model {

// One access as the detector remembers it: who, when (epoch), where in the code.
struct Access {
  int thread = -1;
  std::uint32_t epoch = 0;
  bool write = false;
  bool atomic = false;
  std::uint32_t size = 0;
  std::uintptr_t address = 0;
  std::uintptr_t pc = 0;    // the access's own return address into instrumented code
  std::uint32_t stack = 0;  // interned call stack (Stacks), outermost first
  std::int64_t step = 0;
};

// Two accesses to overlapping bytes by different threads, at least one a write and not both
// atomic, neither happening before the other: a data race.
struct Race {
  Access current;
  Access previous;
};

// Call stacks seen in a schedule, each stored once: shadow stacks change only at function entry
// and exit, and every access keeps the id of the stack it ran under.
class Stacks {
 public:
  std::uint32_t intern(const std::vector<std::uintptr_t>& frames);
  const std::vector<std::uintptr_t>& frames(std::uint32_t id) const { return stacks_[id]; }

 private:
  struct Hash {
    std::size_t operator()(const std::vector<std::uintptr_t>& v) const;
  };
  std::vector<std::vector<std::uintptr_t>> stacks_;
  std::unordered_map<std::vector<std::uintptr_t>, std::uint32_t, Hash> ids_;
};

// A happens-before race detector over 8-byte granules (FastTrack's shape, without its epoch-only
// fast path: threads are few). Each granule keeps the last write of each of its bytes and the reads
// since, with the bytes each covered; an access conflicts with one that overlaps it, is by another
// thread, is a write or is being written, is not atomic on both sides, and is not covered by the
// accessing thread's clock. Each pair of code locations is reported once per schedule.
class RaceDetector {
 public:
  // Checks `access` (by access.thread, whose clock is `clock`) and records it.
  void access(const Access& access, const VectorClock& clock);
  const std::vector<Race>& races() const { return races_; }

 private:
  struct Slot {
    Access access;
    std::uint8_t mask = 0;
  };
  struct Granule {
    std::vector<Slot> writes;  // the last write of each byte (bytes not overwritten since)
    std::vector<Slot> reads;   // since the last write: per thread, bytes and atomicity
  };
  void check(const Slot& previous, const Access& access, std::uint8_t mask,
             const VectorClock& clock);

  std::unordered_map<std::uintptr_t, Granule> granules_;
  std::vector<Race> races_;
  std::vector<std::pair<std::uintptr_t, std::uintptr_t>> reported_;  // pc pairs
};

}  // namespace lockstress::model
