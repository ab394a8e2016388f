#pragma once

#include <cstdint>
#include <vector>

#include "lockstress/perturbation.hpp"

namespace lockstress {

// The shared state of one case inside one runner process. The runner calls reset() before every
// trial (a fresh counter and a fresh lock), then run() once on every worker thread at the same
// moment, then count() and acquisitions() once all of them have returned.
class Workload {
 public:
  virtual ~Workload() = default;
  virtual void reset() = 0;
  virtual void run(int thread, std::int64_t iterations) = 0;
  virtual std::int64_t count() const = 0;
  // How far the running trial has got (increments so far, say). The runner reads it every 200 ms
  // from another thread while run() executes, so the watchdog can tell a slow trial (progress
  // moves) from a hung one (it does not); it must be safe to call then. -1, the default: cannot
  // tell, and the watchdog judges the trial by its duration alone.
  virtual std::int64_t progress() const { return -1; }
  // How many times each thread had taken the lock when the first thread finished its iterations
  // (the fairness snapshot); empty for a workload that takes no lock.
  virtual std::vector<std::int64_t> acquisitions() const { return {}; }

  // run() with --perturb: a workload that can pause between iterations calls
  // perturbation.point() every perturbation.period() iterations; by default it cannot, and only
  // the delay before its start (which the runner takes) applies.
  virtual void run_perturbed(int thread, std::int64_t iterations, Perturbation& /*perturbation*/) {
    run(thread, iterations);
  }
};

}  // namespace lockstress
