#pragma once

#include <cstdint>
#include <optional>

namespace lockstress {

// Whether, and for how long, a cell's workers ran the workload at once (any two of them), from
// each trial's overlap (the runner's timestamps around every worker's run: harness/runtime/worker_span.hpp).
// A trial whose workers never ran at once tested nothing concurrent: its clean count proves
// nothing, and a race it missed was never given the chance to show (grading.cpp). Kept as sums,
// so that shards and merges add up exactly.
struct Overlap {
  std::int64_t measured_trials = 0;      // trials whose record carried an overlap; 0: not measured
  std::int64_t trials_with_overlap = 0;  // overlap > 0
  std::int64_t total_overlap_ns = 0;     // over the trials with overlap

  void add(std::optional<std::int64_t> overlap_ns) {
    if (!overlap_ns) return;
    ++measured_trials;
    if (*overlap_ns > 0) {
      ++trials_with_overlap;
      total_overlap_ns = saturating_sum(total_overlap_ns, *overlap_ns);
    }
  }
  void add(const Overlap& other) {
    measured_trials += other.measured_trials;
    trials_with_overlap += other.trials_with_overlap;
    total_overlap_ns = saturating_sum(total_overlap_ns, other.total_overlap_ns);
  }

  bool measured() const { return measured_trials > 0; }
  std::int64_t trials_without_overlap() const { return measured_trials - trials_with_overlap; }
  double mean_overlap_ns() const {
    return trials_with_overlap == 0
               ? 0.0
               : static_cast<double>(total_overlap_ns) / static_cast<double>(trials_with_overlap);
  }
  // Of a cell's `trials`, those that can count as concurrent tests: the ones that overlapped, and
  // any whose overlap was not measured (a summary written before it was), which count as they did.
  std::int64_t concurrent_trials(std::int64_t trials) const {
    return trials - trials_without_overlap();
  }

 private:
  // Both non-negative. The runner's values are read from a stream that is trusted in nothing
  // (292 years of overlap would be a broken runner, not a reason to overflow).
  static std::int64_t saturating_sum(std::int64_t a, std::int64_t b) {
    return a > INT64_MAX - b ? INT64_MAX : a + b;
  }
};

}  // namespace lockstress
