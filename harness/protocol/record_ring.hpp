#pragma once

#include <sys/mman.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace lockstress {

// The records of a runner whose variant prints no reports (the plain build), in memory it shares
// with the driver: the same lines as on stderr (protocol.hpp), put by the runner and taken by the
// driver, in order. A put is a copy and a store, where a write(2) of each record to stderr cost
// 0.4-0.5 us of CPU while the other workers spun (bench/README.md, "A trial's cost"); and since
// the memory outlives the runner, a runner that crashes or is killed as hung still leaves every
// record it finished, as stderr did. Variants whose runners print reports keep their records on
// stderr: a report must arrive between the records of the trials around it.
//
// `written` and `taken` count bytes since the runner started; only whole lines are ever written.
struct RecordRing {
  static constexpr std::size_t kBytes = std::size_t{1} << 20;
  alignas(64) std::atomic<std::uint64_t> written{0};  // by the runner, after each whole line
  alignas(64) std::atomic<std::uint64_t> taken{0};    // by the driver, after each take
  alignas(64) char bytes[kBytes];
};
static_assert(std::atomic<std::uint64_t>::is_always_lock_free, "shared between two processes");

// The ring in the shared memory object `fd`, which is sizeof(RecordRing) long; nullptr when it
// cannot be mapped.
inline RecordRing* map_record_ring(int fd) {
  void* at = ::mmap(nullptr, sizeof(RecordRing), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  return at == MAP_FAILED ? nullptr : static_cast<RecordRing*>(at);
}

inline void unmap_record_ring(RecordRing* ring) {
  if (ring != nullptr) ::munmap(ring, sizeof(RecordRing));
}

// The runner's side: puts one whole line (with its '\n'), waiting while the driver has not taken
// enough to make room (it takes every 10 ms; a full ring is 1 MiB, about 9,000 trial records).
// False, and nothing put, for a line longer than the ring. One thread at a time.
inline bool put_record(RecordRing& ring, std::string_view line) {
  if (line.size() > RecordRing::kBytes) return false;
  const std::uint64_t at = ring.written.load(std::memory_order_relaxed);
  while (at + line.size() - ring.taken.load(std::memory_order_acquire) > RecordRing::kBytes) {
    const timespec pause{0, 200'000};
    ::nanosleep(&pause, nullptr);
  }
  const std::size_t offset = at % RecordRing::kBytes;
  const std::size_t first = std::min(line.size(), RecordRing::kBytes - offset);
  std::memcpy(ring.bytes + offset, line.data(), first);
  std::memcpy(ring.bytes, line.data() + first, line.size() - first);
  ring.written.store(at + line.size(), std::memory_order_release);
  return true;
}

// The driver's side: appends what was put since the last take to `out`. False, and nothing
// taken, when the counts are ones no runner could have left (it trusts nothing of the runner's).
inline bool take_records(RecordRing& ring, std::string& out) {
  const std::uint64_t from = ring.taken.load(std::memory_order_relaxed);
  const std::uint64_t to = ring.written.load(std::memory_order_acquire);
  if (to < from || to - from > RecordRing::kBytes) return false;
  for (std::uint64_t at = from; at < to;) {
    const std::size_t offset = at % RecordRing::kBytes;
    const std::size_t n = std::min<std::uint64_t>(to - at, RecordRing::kBytes - offset);
    out.append(ring.bytes + offset, n);
    at += n;
  }
  ring.taken.store(to, std::memory_order_release);
  return true;
}

}  // namespace lockstress
