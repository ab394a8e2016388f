#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lockstress/perturbation.hpp"

namespace lockstress {

// One lock of a workload's lock type, of its own, whose operations the runner runs once each, in
// order, on one thread, before any trial: the sync probe, which checks whether the variant's
// detector sees the synchronisation each operation performs (docs/your-own-locks.md, "Synchronisation TSan cannot
// see"). Made, and destroyed, outside what the probe watches.
class LockProbe {
 public:
  virtual ~LockProbe() = default;
  // What run() does, in order: {"lock", "unlock"}; {"try_lock", "unlock"}; ...
  virtual std::vector<std::string> operations() const = 0;
  // Performs operations()[index] on the probe's lock (with thread 0's state, if it has one).
  virtual void run(std::size_t index) = 0;
};

// The shared state of one case inside one runner process: lockstress's interface for a workload
// of your own, public like lock_case (docs/your-own-locks.md, "Workloads of your own"). The runner calls reset()
// before every trial (a fresh counter and a fresh lock), then run() once on every worker thread
// at the same moment, then count(), torn_reads() and acquisitions() once all of them have
// returned. A trial fails when count() differs from threads x iterations (lost updates) or
// torn_reads() is not 0.
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
  // How many times each thread took the lock while every thread was running: from when the last
  // one started to when the first one finished (the fairness snapshot; all 0 when that window was
  // empty). Empty for a workload that takes no lock.
  virtual std::vector<std::int64_t> acquisitions() const { return {}; }
  // How many reads of the last trial saw data another thread was half-way through writing (a
  // reader that found the two halves of a pair unequal): a workload that checks consistency, as
  // shared_lock_case's readers do, counts them; 0 for one that only counts.
  virtual std::int64_t torn_reads() const { return 0; }
  // A workload that guards its data with a lock offers a probe of that lock (see LockProbe);
  // nullptr, the default: nothing to probe.
  virtual std::unique_ptr<LockProbe> lock_probe() const { return nullptr; }

  // run() with --perturb: a workload that can pause between iterations calls
  // perturbation.point() every perturbation.period() iterations; by default it cannot, and only
  // the delay before its start (which the runner takes) applies.
  virtual void run_perturbed(int thread, std::int64_t iterations, Perturbation& /*perturbation*/) {
    run(thread, iterations);
  }
};

}  // namespace lockstress
