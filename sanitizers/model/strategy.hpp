#pragma once

#include <cstdint>
#include <vector>

#include "sanitizers/model/options.hpp"
#include "sanitizers/model/rng.hpp"

namespace lockstress::model {

// Makes every choice of one schedule: from the strategy and the seed, or, when replaying, from a
// recorded choice list. Records each choice it makes among more than one option.
class Chooser {
 public:
  explicit Chooser(const Options& options, std::vector<std::uint32_t> replay = {});

  // A new thread gets its PCT priority: a uniformly random rank among the threads so far (which
  // makes the priorities of n threads a uniformly random permutation).
  void add_thread(int thread);
  // Called once per step, before the thread that runs next is picked; `running` is the thread
  // at this switch point. At a PCT change point, `running` drops below every other thread.
  void step(std::int64_t step, int running);
  // The running thread is spinning or yielded: under PCT it drops below every other thread.
  void yielded(int thread);
  // From then on, every pick is round-robin: the step cap was reached.
  void go_fair() { fair_ = true; }

  // Which of `runnable` (ascending ids, not empty) runs next. `yielding`: `current` asked to let
  // another thread run.
  int pick_thread(const std::vector<int>& runnable, int current, bool yielding);
  // One of `count` options (stores a load may read, waiters to wake), uniformly.
  std::uint32_t pick(std::uint32_t count);

  const std::vector<std::uint32_t>& choices() const { return choices_; }
  // The change points PCT drew (ascending), and the priority order (highest first).
  const std::vector<std::int64_t>& change_points() const { return change_points_; }
  const std::vector<int>& priority_order() const { return order_; }
  bool replay_diverged() const { return diverged_; }

 private:
  std::uint32_t replayed(std::uint32_t count, std::uint32_t fallback);
  void drop_to_lowest(int thread);

  Options options_;
  Rng rng_;
  std::vector<std::uint32_t> replay_;
  std::size_t replay_next_ = 0;
  bool diverged_ = false;
  bool fair_ = false;
  std::vector<int> order_;  // PCT: thread ids, highest priority first
  std::vector<std::int64_t> change_points_;
  std::vector<std::uint32_t> choices_;
};

}  // namespace lockstress::model
