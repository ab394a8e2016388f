#pragma once

#include <cstdint>
#include <map>
#include <vector>

namespace lockstress {

// How evenly a lock let its threads in, from each trial's count of every thread's acquisitions
// in the window where all of them were running (from the last thread's start to the first
// thread's finish; see CounterWorkload): locktorture's max/min ratio, one per trial. A thread with
// no acquisition in the window gives an infinite ratio: it was shut out while the others ran.
// A window in which the busiest thread got fewer than kMinWindowAcquisitions is too short to
// judge (the threads barely overlapped), and is counted apart.
struct TrialAcquisitions {
  std::int64_t trial = 0;
  std::vector<std::int64_t> acquisitions;  // one per thread
};

inline constexpr std::int64_t kMinWindowAcquisitions = 100;

struct Fairness {
  std::int64_t trials = 0;           // trials judged
  std::int64_t unjudged_trials = 0;  // windows too short to judge
  // Of the per-trial max/min; infinite when most trials starved. Exact up to
  // FairnessTally::kExactTrials judged trials, within 0.025% beyond.
  double median_ratio = 0;
  double worst_ratio = 0;           // infinite when any trial starved
  std::int64_t unfair_trials = 0;   // max > 2 x min: locktorture's "???" rule
  std::int64_t starved_trials = 0;  // some thread had no acquisition at all
  std::int64_t worst_trial = -1;    // the trial of worst_ratio (the first such)
  std::vector<std::int64_t> worst_acquisitions;

  // Judged on the typical trial, so that one thread preempted by the OS for a whole window (which
  // happens on a busy machine, whatever the lock) does not condemn a lock; from the counts, so
  // that merged shards are judged exactly as one run:
  //   unfair:   in more than half the trials the busiest thread got more than twice what the
  //             least busy got (locktorture's "???" rule);
  //   starving: in at least half the trials some thread got nothing while the others ran.
  bool unfair() const { return trials > 0 && unfair_trials * 2 > trials; }
  bool starving() const { return trials > 0 && starved_trials * 2 >= trials; }
};

// max / min of one snapshot; infinite when min is 0 and max is not; 1 for an empty or all-zero one.
double acquisition_ratio(const std::vector<std::int64_t>& acquisitions);

// The per-trial snapshots folded in as they stream in, keeping no per-trial data beyond the first
// kExactTrials judged ratios: every count, flag and the worst trial are exact, and the median
// ratio is exact until then; past it the ratios go into buckets 1/2048 of a factor of e wide
// (log scale), whose middles are within 0.025% of every ratio they hold.
class FairnessTally {
 public:
  static constexpr std::size_t kExactTrials = 1024;

  void add(std::int64_t trial, const std::vector<std::int64_t>& acquisitions);
  // False until a trial brought a snapshot: the workload takes no lock.
  bool any() const { return any_; }
  // Ratios are 0 when no trial could be judged.
  Fairness fairness() const;

 private:
  double ratio_at_rank(std::int64_t rank) const;

  bool any_ = false;
  Fairness f_;
  std::vector<double> exact_;                     // the judged ratios, while there are few
  std::map<std::int64_t, std::int64_t> buckets_;  // log-scale bucket -> trials, once there are many
};

// The per-trial ratios summarised; ratios are 0 when no trial could be judged.
Fairness describe_fairness(const std::vector<TrialAcquisitions>& trials);

}  // namespace lockstress
