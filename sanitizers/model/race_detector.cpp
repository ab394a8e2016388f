#include "sanitizers/model/race_detector.hpp"

#include <algorithm>

namespace lockstress::model {

std::size_t Stacks::Hash::operator()(const std::vector<std::uintptr_t>& v) const {
  std::size_t h = 0xcbf29ce484222325ULL;
  for (std::uintptr_t pc : v) h = (h ^ pc) * 0x100000001b3ULL;
  return h;
}

std::uint32_t Stacks::intern(const std::vector<std::uintptr_t>& frames) {
  auto [it, inserted] = ids_.try_emplace(frames, static_cast<std::uint32_t>(stacks_.size()));
  if (inserted) stacks_.push_back(frames);
  return it->second;
}

void RaceDetector::check(const Slot& previous, const Access& access, std::uint8_t mask,
                         const VectorClock& clock) {
  const Access& p = previous.access;
  if (p.thread < 0 || p.thread == access.thread || (previous.mask & mask) == 0) return;
  if (!p.write && !access.write) return;
  if (p.atomic && access.atomic) return;
  if (clock.covers(p.thread, p.epoch)) return;
  const std::pair<std::uintptr_t, std::uintptr_t> key = std::minmax(p.pc, access.pc);
  if (std::find(reported_.begin(), reported_.end(), key) != reported_.end()) return;
  reported_.push_back(key);
  races_.push_back(Race{access, p});
}

void RaceDetector::access(const Access& access, const VectorClock& clock) {
  const std::uintptr_t begin = access.address;
  const std::uintptr_t end = access.address + access.size;
  for (std::uintptr_t base = begin & ~std::uintptr_t{7}; base < end; base += 8) {
    const std::uintptr_t from = std::max(begin, base) - base;
    const std::uintptr_t to = std::min(end, base + 8) - base;
    const auto mask = static_cast<std::uint8_t>(((1u << to) - 1) & ~((1u << from) - 1));
    Granule& granule = granules_[base];
    for (const Slot& write : granule.writes) check(write, access, mask, clock);
    if (access.write) {
      for (const Slot& read : granule.reads) check(read, access, mask, clock);
      // Accesses whose bytes this write covers entirely need no more checks against later ones:
      // this write is ordered after them or raced with them, and the race was reported now.
      auto covered = [&](const Slot& slot) { return (slot.mask & ~mask) == 0; };
      std::erase_if(granule.reads, covered);
      std::erase_if(granule.writes, covered);
      granule.writes.push_back(Slot{access, mask});
    } else {
      // One slot per thread, bytes and atomicity: a read of other bytes, or an atomic read of
      // the same ones, is another slot (merging them would mix their atomicity and stacks).
      auto same = std::find_if(granule.reads.begin(), granule.reads.end(), [&](const Slot& read) {
        return read.access.thread == access.thread && read.mask == mask &&
               read.access.atomic == access.atomic;
      });
      if (same == granule.reads.end()) {
        granule.reads.push_back(Slot{access, mask});
      } else {
        *same = Slot{access, mask};
      }
    }
  }
}

}  // namespace lockstress::model
