#include "sanitizers/model/memory_model.hpp"

#include <algorithm>

#include "sanitizers/model/strategy.hpp"

namespace lockstress::model {

bool is_acquire(int order) {
  return order == __ATOMIC_CONSUME || order == __ATOMIC_ACQUIRE || order == __ATOMIC_ACQ_REL ||
         order == __ATOMIC_SEQ_CST;
}

bool is_release(int order) {
  return order == __ATOMIC_RELEASE || order == __ATOMIC_ACQ_REL || order == __ATOMIC_SEQ_CST;
}

namespace {

bool happens_before(const Store& store, const VectorClock& clock) {
  return store.thread < 0 || clock.covers(store.thread, store.epoch);
}

}  // namespace

int MemoryModel::locate(std::uintptr_t address, std::uint32_t size, unsigned __int128 real) {
  auto it = by_address_.find(address);
  if (it == by_address_.end() || locations_[it->second].size != size) {
    // First access, or one of another size (mixed-size access starts a new history).
    Location location;
    location.address = address;
    location.size = size;
    location.stores.push_back(Store{.value = real});
    locations_.push_back(std::move(location));
    const int id = static_cast<int>(locations_.size()) - 1;
    by_address_[address] = id;
    return id;
  }
  Location& location = locations_[it->second];
  if (location.stores.back().value != real) {
    // Written behind the model's back: that value is now the latest, and visible to everyone.
    location.stores.push_back(Store{.value = real});
  }
  return it->second;
}

void MemoryModel::note_read(Location& location, int thread, std::int32_t index) {
  if (location.last_read.size() <= static_cast<std::size_t>(thread)) {
    location.last_read.resize(static_cast<std::size_t>(thread) + 1, 0);
  }
  std::int32_t& last = location.last_read[static_cast<std::size_t>(thread)];
  last = std::max(last, index);
}

std::int32_t MemoryModel::floor(const ThreadMemory& self, int thread, const Location& location,
                                int order) const {
  const auto& stores = location.stores;
  const auto last = static_cast<std::int32_t>(stores.size()) - 1;
  if (memory_ == Memory::sc) return last;
  auto latest_where = [&](auto&& predicate) {
    for (std::int32_t i = last; i >= 0; --i) {
      if (predicate(stores[static_cast<std::size_t>(i)])) return i;
    }
    return std::int32_t{0};
  };
  // CoWR: the latest store that happens before this load hides every older one.
  std::int32_t result = latest_where([&](const Store& s) { return happens_before(s, self.clock); });
  // CoRR / CoRW: never older than what this thread read or wrote here.
  if (static_cast<std::size_t>(thread) < location.last_read.size()) {
    result = std::max(result, location.last_read[static_cast<std::size_t>(thread)]);
  }
  if (order == __ATOMIC_SEQ_CST) {
    // S is the execution order of seq_cst operations: a seq_cst load reads the last seq_cst
    // store before it in S, or a later store; and [4.5] what an earlier seq_cst fence ordered.
    result = std::max(result, location.last_sc_store);
    result = std::max(result, latest_where([&](const Store& s) {
                        return s.thread >= 0 && sc_fence_clock_.covers(s.thread, s.epoch);
                      }));
  }
  if (self.last_sc_fence_step >= 0) {
    // [4.4] after a seq_cst fence: the last seq_cst store before the fence in S, or later.
    result = std::max(result, latest_where([&](const Store& s) {
                        return s.seq_cst && s.step < self.last_sc_fence_step;
                      }));
    // [4.6] stores sequenced before a seq_cst fence that precedes this thread's fence in S.
    result = std::max(result, latest_where([&](const Store& s) {
                        return s.thread >= 0 && self.sc_fence_view.covers(s.thread, s.epoch);
                      }));
  }
  return result;
}

void MemoryModel::acquire(ThreadMemory& self, const Store& store, int order) {
  if (store.release.empty()) return;
  if (is_acquire(order)) {
    self.clock.join(store.release);
  } else {
    self.acquire_pending.join(store.release);
  }
}

MemoryModel::Read MemoryModel::load(ThreadMemory& self, int thread, std::uintptr_t address,
                                    std::uint32_t size, unsigned __int128 real, int order,
                                    bool force_latest, std::int64_t /*step*/, Chooser& chooser) {
  const int id = locate(address, size, real);
  Location& location = locations_[static_cast<std::size_t>(id)];
  const auto last = static_cast<std::int32_t>(location.stores.size()) - 1;
  const std::int32_t low = force_latest ? last : floor(self, thread, location, order);
  const auto index =
      low + static_cast<std::int32_t>(chooser.pick(static_cast<std::uint32_t>(last - low + 1)));
  note_read(location, thread, index);
  const Store& store = location.stores[static_cast<std::size_t>(index)];
  acquire(self, store, order);
  return Read{store.value, id, index, store.thread, store.step, index != last};
}

MemoryModel::Read MemoryModel::read_latest(ThreadMemory& self, int thread, std::uintptr_t address,
                                           std::uint32_t size, unsigned __int128 real, int order,
                                           std::int64_t /*step*/) {
  const int id = locate(address, size, real);
  Location& location = locations_[static_cast<std::size_t>(id)];
  const auto index = static_cast<std::int32_t>(location.stores.size()) - 1;
  note_read(location, thread, index);
  const Store& store = location.stores[static_cast<std::size_t>(index)];
  acquire(self, store, order);
  return Read{store.value, id, index, store.thread, store.step, false};
}

void MemoryModel::store(ThreadMemory& self, int thread, int id, unsigned __int128 value, int order,
                        bool rmw, std::int64_t step) {
  Location& location = locations_[static_cast<std::size_t>(id)];
  Store store{.value = value,
              .thread = thread,
              .epoch = self.clock.get(thread),
              .step = step,
              .seq_cst = order == __ATOMIC_SEQ_CST};
  if (is_release(order)) {
    store.release = self.clock;
  } else if (self.has_fence_release) {
    store.release = self.fence_release;
  }
  // C++20 release sequences: the read-modify-writes after a release store continue it.
  if (rmw) store.release.join(location.stores.back().release);
  location.stores.push_back(std::move(store));
  const auto index = static_cast<std::int32_t>(location.stores.size()) - 1;
  note_read(location, thread, index);
  if (order == __ATOMIC_SEQ_CST) location.last_sc_store = index;
  if (is_release(order)) self.clock.tick(thread);
}

void MemoryModel::fence(ThreadMemory& self, int thread, int order, std::int64_t step) {
  if (is_acquire(order)) self.clock.join(self.acquire_pending);
  if (order == __ATOMIC_SEQ_CST) {
    sc_fence_clock_.set(thread, self.clock.get(thread));
    self.sc_fence_view.join(sc_fence_clock_);
    self.last_sc_fence_step = step;
  }
  if (is_release(order)) {
    self.fence_release = self.clock;
    self.has_fence_release = true;
    self.clock.tick(thread);
  }
}

}  // namespace lockstress::model
