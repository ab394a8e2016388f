#include "harness/summary_json/summary_invariants.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace lockstress {
namespace {

// A mean is rounded where its sum was: allow it a relative hair beyond its extremes.
bool within(double value, double low, double high) {
  const double slack = 1e-9 * std::max({1.0, std::fabs(low), std::fabs(high)});
  return std::isfinite(value) && value >= low - slack && value <= high + slack;
}

std::string n(std::int64_t value) { return std::to_string(value); }

// Each check throws its Error; check_cell_invariants returns it.
void require(bool holds, const std::string& path, const std::string& problem) {
  if (!holds) throw Error{path + ": " + problem};
}

// (expected_count = threads x iterations is checked as the plan is read: a plan holds no other.)
void check_counts(const CellResult& c, const std::string& at) {
  require(c.measured.trials <= c.plan.trials, at + ".trials",
          n(c.measured.trials) + " trials, more than the " + n(c.plan.trials) + " requested");
  require(c.measured.worker_cpus.empty() ||
              c.measured.worker_cpus.size() == static_cast<std::size_t>(c.plan.threads),
          at + ".placement.worker_cpus",
          n(static_cast<std::int64_t>(c.measured.worker_cpus.size())) + " workers placed, not " +
              n(c.plan.threads));
  require(std::isfinite(c.measured.trial_seconds) && c.measured.trial_seconds >= 0,
          at + ".trial_seconds", "not a duration");
  require(std::isfinite(c.measured.wall_seconds) && c.measured.wall_seconds >= 0,
          at + ".wall_seconds", "not a duration");
}

void check_trial_ranges(const CellResult& c, const std::string& at) {
  std::vector<TrialRange> ranges = c.measured.trial_ranges;
  std::sort(ranges.begin(), ranges.end(), [](const TrialRange& a, const TrialRange& b) {
    return a.seed != b.seed ? a.seed < b.seed : a.first < b.first;
  });
  for (std::size_t i = 1; i < ranges.size(); ++i) {
    require(ranges[i - 1].seed != ranges[i].seed ||
                ranges[i - 1].first + ranges[i - 1].count <= ranges[i].first,
            at + ".trial_ranges",
            "holds trial " + n(ranges[i].first) + " of seed " + std::to_string(ranges[i].seed) +
                " twice");
  }
}

// A trial lost expected_count - its count updates, a count the runner stream only accepts within
// 0..expected_count; it failed exactly when it lost any.
void check_lost_updates(const CellResult& c, const std::string& at) {
  const std::string lost = at + ".lost_updates";
  const Description& d = c.measured.lost_updates;
  if (c.measured.trials == 0) {
    require(d.min == 0 && d.max == 0 && d.mean == 0 && d.median == 0, lost,
            "a cell without trials lost nothing");
    require(c.measured.lost_histogram.empty(), lost + ".histogram",
            "a cell without trials has none");
    return;
  }
  require(d.min >= 0, lost + ".min", n(d.min) + ": a trial cannot lose fewer than 0 updates");
  require(d.max <= c.plan.expected_count(), lost + ".max",
          n(d.max) + " lost of the " + n(c.plan.expected_count()) + " a trial makes");
  require(d.min <= d.max, lost + ".min", n(d.min) + " is above max " + n(d.max));
  const std::int64_t failed = c.measured.failures.events;
  require(failed > 0 || d.max == 0, lost + ".max",
          n(d.max) + " lost in a trial, but failed_trials is 0");
  require(failed == 0 || d.max > 0, lost + ".max",
          "0, but failed_trials is " + n(failed) + ": a failed trial lost updates");
  require(failed < c.measured.trials || d.min > 0, lost + ".min",
          "0, but every trial failed: a failed trial lost updates");
  require(failed == c.measured.trials || d.min == 0, lost + ".min",
          n(d.min) + ", but " + n(c.measured.trials - failed) + " trials lost nothing");
  const auto low = static_cast<double>(d.min);
  const auto high = static_cast<double>(d.max);
  require(within(d.mean, low, high), lost + ".mean", "outside [min, max]");
  require(within(c.measured.lost_median_bounds.low, low, high) &&
              within(c.measured.lost_median_bounds.high, low, high),
          lost + ".median_bounds", "outside [min, max]");

  std::int64_t zero_trials = 0;
  for (std::size_t i = 0; i < c.measured.lost_histogram.size(); ++i) {
    const HistogramBucket& b = c.measured.lost_histogram[i];
    const std::string bucket = lost + ".histogram[" + n(static_cast<std::int64_t>(i)) + "]";
    const HistogramBucket expected = power_of_two_bucket(std::max<std::int64_t>(b.low, 0));
    require(b.low >= 0 && b.low == expected.low && b.high == expected.high, bucket,
            "[" + n(b.low) + ", " + n(b.high) + "] is not a power-of-two bucket");
    require(b.count > 0, bucket + ".trials", "an empty bucket is not listed");
    require(i == 0 || c.measured.lost_histogram[i - 1].high < b.low, bucket, "out of order");
    if (b.low == 0) zero_trials = b.count;
  }
  require(!c.measured.lost_histogram.empty() && c.measured.lost_histogram.front().low <= d.min &&
              d.min <= c.measured.lost_histogram.front().high &&
              c.measured.lost_histogram.back().low <= d.max &&
              d.max <= c.measured.lost_histogram.back().high,
          lost + ".histogram", "does not hold min and max");
  require(zero_trials == c.measured.trials - failed, lost + ".histogram",
          n(zero_trials) + " trials lost nothing, but failed_trials says " +
              n(c.measured.trials - failed));
}

// Trials with a report of each kind are among the trials with reports; a unique report appeared
// in trials with its kind; every report read is an occurrence of one unique report.
void check_reports(const CellResult& c, const std::string& at) {
  const std::string sanitizer = at + ".sanitizer";
  std::map<std::string, std::int64_t> by_kind;
  for (const ReportKindCount& k : c.measured.report_kinds) {
    require(
        k.trials <= c.measured.report_trials.events, sanitizer + ".trials_by_kind." + k.kind,
        n(k.trials) + " trials, but trials_with_reports is " + n(c.measured.report_trials.events));
    by_kind[k.kind] = k.trials;
  }
  std::int64_t occurrences = 0;
  for (std::size_t i = 0; i < c.measured.unique_reports.size(); ++i) {
    const UniqueReport& r = c.measured.unique_reports[i];
    const std::string report =
        sanitizer + ".unique_reports[" + n(static_cast<std::int64_t>(i)) + "]";
    require(
        r.trials <= by_kind[r.kind], report + ".trials",
        n(r.trials) + " trials, but trials_by_kind gives '" + r.kind + "' " + n(by_kind[r.kind]));
    require(r.occurrences >= std::max<std::int64_t>(r.trials, 1), report + ".occurrences",
            n(r.occurrences) + ", fewer than the trials it appeared in (" + n(r.trials) + ")");
    require(!__builtin_add_overflow(occurrences, r.occurrences, &occurrences), report,
            "occurrences overflow");
  }
  require(occurrences == c.measured.parsed_reports, sanitizer + ".parsed_report_count",
          n(c.measured.parsed_reports) + ", but the unique reports occurred " + n(occurrences) +
              " times");
  require(c.measured.capped_trials <= c.measured.dropped_reports, sanitizer + ".capped_trials",
          n(c.measured.capped_trials) + " trials, but only " + n(c.measured.dropped_reports) +
              " reports were dropped");
}

void check_faults(const CellResult& c, const std::string& at) {
  require(
      c.measured.fairness
          ? c.measured.fairness->trials + c.measured.fairness->unjudged_trials <= c.measured.trials
          : true,
      at + ".fairness", "judges more trials than the cell has");
  std::int64_t done = 0;
  require(!__builtin_add_overflow(c.measured.trials,
                                  static_cast<std::int64_t>(c.measured.faults.size()), &done) &&
              done <= c.plan.trials,
          at + ".faults", "more trials finished and faulted than were requested");
}

}  // namespace

Result<void> check_cell_invariants(const CellResult& cell, const std::string& path) {
  return result_of([&] {
    check_counts(cell, path);
    check_trial_ranges(cell, path);
    check_lost_updates(cell, path);
    check_reports(cell, path);
    check_faults(cell, path);
  });
}

Result<void> check_summary_invariants(const Summary& summary) {
  return result_of([&] {
    require(summary.interrupted_by == 0 || !summary.complete, "complete",
            "true, but interrupted_by names a signal");
    if (!summary.merged_from.empty()) {
      const bool all = std::all_of(summary.merged_from.begin(), summary.merged_from.end(),
                                   [](const MergedInput& input) { return input.complete; });
      require(summary.complete == all, "complete",
              std::string(summary.complete ? "true" : "false") +
                  ", but a merge is complete exactly when every input in merged_from was");
    }
  });
}

}  // namespace lockstress
