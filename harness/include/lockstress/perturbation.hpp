#pragma once

#include <cstdint>

namespace lockstress {

// One worker's perturbation in one trial (lockstress run --perturb): a delay before its first
// iteration, and the points where a workload may let the runner disturb it between iterations.
// The runner draws it from the trial's seed; a workload only calls point() every period()
// iterations. With --perturb none the runner never builds one, and the workload runs unchanged.
class Perturbation {
 public:
  enum class Action : std::uint8_t { nothing, spin, yield, sleep, mixed };

  Perturbation() = default;
  Perturbation(Action start, std::int64_t start_ns, Action at_points, std::int64_t point_ns,
               std::int64_t period, std::uint64_t random_state)
      : start_(start),
        at_points_(at_points),
        start_ns_(start_ns),
        point_ns_(point_ns),
        period_(period),
        state_(random_state) {}

  // Iterations between two points (at least 1).
  std::int64_t period() const { return period_; }
  // Called by the runner before the worker's first iteration.
  void start();
  // Called by the workload every period() iterations (never after the last one).
  void point();

 private:
  std::uint64_t next_random();
  void act(Action action, std::int64_t max_ns);

  Action start_ = Action::nothing;
  Action at_points_ = Action::nothing;
  std::int64_t start_ns_ = 0;  // upper bound of the start delay
  std::int64_t point_ns_ = 0;  // upper bound of each point's delay
  std::int64_t period_ = 1;
  std::uint64_t state_ = 0;
};

}  // namespace lockstress
