#pragma once

#include <cstdint>

#include "lockstress/perturbation.hpp"

namespace lockstress {

// The shared state of one case inside one runner process. The runner calls reset() before every
// trial (a fresh counter and a fresh lock), then run() once on every worker thread at the same
// moment, then count() once all of them have returned.
class Workload {
 public:
  virtual ~Workload() = default;
  virtual void reset() = 0;
  virtual void run(int thread, std::int64_t iterations) = 0;
  virtual std::int64_t count() const = 0;

  // run() with --perturb: a workload that can pause between iterations calls
  // perturbation.point() every perturbation.period() iterations; by default it cannot, and only
  // the delay before its start (which the runner takes) applies.
  virtual void run_perturbed(int thread, std::int64_t iterations, Perturbation& /*perturbation*/) {
    run(thread, iterations);
  }
};

}  // namespace lockstress
