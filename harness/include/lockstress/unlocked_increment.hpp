#pragma once

#include <cstdint>

namespace lockstress {

// `count += 1` with no synchronisation: one real load-add-store of memory on every call.
// The empty asm with a memory clobber is what keeps it real: without it, clang and g++ at -O2
// fold a loop of these into a single `add n, (mem)` and the lost updates this tool exists to
// show never happen. It emits no instruction; it only forbids keeping `count` in a register.
inline void unlocked_increment(std::int64_t& count) {
  count += 1;
  asm volatile("" ::: "memory");
}

}  // namespace lockstress
