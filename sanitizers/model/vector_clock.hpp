#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace lockstress::model {

// A vector clock over the schedule's threads (ids 0..n-1, n small). A thread's own component is
// the epoch of its current event; it grows after every release it performs, so an event at
// epoch e of thread t happens before whatever has joined a clock with component t >= e.
class VectorClock {
 public:
  std::uint32_t get(int thread) const {
    return static_cast<std::size_t>(thread) < c_.size() ? c_[static_cast<std::size_t>(thread)] : 0;
  }
  void set(int thread, std::uint32_t epoch) {
    grow(thread);
    c_[static_cast<std::size_t>(thread)] = epoch;
  }
  void tick(int thread) { set(thread, get(thread) + 1); }
  void join(const VectorClock& other) {
    if (other.c_.size() > c_.size()) c_.resize(other.c_.size(), 0);
    for (std::size_t i = 0; i < other.c_.size(); ++i) c_[i] = std::max(c_[i], other.c_[i]);
  }
  bool empty() const { return c_.empty(); }
  void clear() { c_.clear(); }
  // The event (thread, epoch) happens before (or is) the point this clock describes.
  bool covers(int thread, std::uint32_t epoch) const { return epoch <= get(thread); }

 private:
  void grow(int thread) {
    if (static_cast<std::size_t>(thread) >= c_.size())
      c_.resize(static_cast<std::size_t>(thread) + 1, 0);
  }
  std::vector<std::uint32_t> c_;
};

}  // namespace lockstress::model
