#include "harness/analysis/merge_measurement.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

#include "harness/analysis/stopping.hpp"

namespace lockstress {
namespace {

// The trial ranges of every input, in order of seed then index; the same trial twice is refused.
std::vector<TrialRange> merge_ranges(const std::vector<MeasurementSource>& sources,
                                     const std::string& cell) {
  struct Owned {
    TrialRange range;
    std::size_t input;
  };
  std::vector<Owned> all;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    for (const TrialRange& range : sources[i].measured.trial_ranges) all.push_back({range, i});
  }
  std::stable_sort(all.begin(), all.end(), [](const Owned& a, const Owned& b) {
    return a.range.seed != b.range.seed ? a.range.seed < b.range.seed
                                        : a.range.first < b.range.first;
  });
  std::vector<TrialRange> merged;
  for (std::size_t k = 0; k < all.size(); ++k) {
    const TrialRange& r = all[k].range;
    if (k > 0 && all[k - 1].range.seed == r.seed &&
        all[k - 1].range.first + all[k - 1].range.count > r.first) {
      throw Error{sources[all[k - 1].input].file + " and " + sources[all[k].input].file +
                  " both hold trial " + std::to_string(r.first) + " of seed " +
                  std::to_string(r.seed) + " in " + cell + " (the same shard or run twice?)"};
    }
    if (!merged.empty() && merged.back().seed == r.seed &&
        merged.back().first + merged.back().count == r.first) {
      merged.back().count += r.count;
    } else {
      merged.push_back(r);
    }
  }
  return merged;
}

std::vector<HistogramBucket> merge_histograms(const std::vector<MeasurementSource>& sources) {
  // Buckets of non-negative values have fixed bounds; the one negative bucket is [min, -1].
  std::map<std::int64_t, HistogramBucket> by_high;
  for (const MeasurementSource& source : sources) {
    for (const HistogramBucket& b : source.measured.lost_histogram) {
      auto [it, inserted] = by_high.try_emplace(b.high, b);
      if (!inserted) {
        it->second.low = std::min(it->second.low, b.low);
        it->second.count += b.count;
      }
    }
  }
  std::vector<HistogramBucket> out;
  for (const auto& [high, bucket] : by_high) out.push_back(bucket);
  return out;
}

// The bucket holding the value of 0-based rank `rank`.
const HistogramBucket& bucket_of_rank(const std::vector<HistogramBucket>& histogram,
                                      std::int64_t rank) {
  for (const HistogramBucket& b : histogram) {
    if (rank < b.count) return b;
    rank -= b.count;
  }
  return histogram.back();
}

void merge_lost_updates(const std::vector<MeasurementSource>& sources, Measurement& out) {
  out.lost_histogram = merge_histograms(sources);
  double sum = 0;
  std::vector<const Measurement*> with_trials;
  for (const MeasurementSource& source : sources) {
    const Measurement* cell = &source.measured;
    if (cell->trials == 0) continue;
    sum += cell->lost_updates.mean * static_cast<double>(cell->trials);
    if (with_trials.empty() || cell->lost_updates.min < out.lost_updates.min) {
      out.lost_updates.min = cell->lost_updates.min;
    }
    if (with_trials.empty() || cell->lost_updates.max > out.lost_updates.max) {
      out.lost_updates.max = cell->lost_updates.max;
    }
    with_trials.push_back(cell);
  }
  if (with_trials.empty()) return;
  out.lost_updates.mean = sum / static_cast<double>(out.trials);
  if (with_trials.size() == 1) {
    out.lost_updates.median = with_trials[0]->lost_updates.median;
    out.lost_median_bounds = with_trials[0]->lost_median_bounds;
    return;
  }
  // Each middle value lies in its bucket, cut to [min, max].
  const auto within_extremes = [&](const HistogramBucket& b) {
    return Interval{static_cast<double>(std::max(b.low, out.lost_updates.min)),
                    static_cast<double>(std::min(b.high, out.lost_updates.max))};
  };
  out.lost_median_bounds =
      median_bounds(within_extremes(bucket_of_rank(out.lost_histogram, (out.trials - 1) / 2)),
                    within_extremes(bucket_of_rank(out.lost_histogram, out.trials / 2)));
  out.lost_updates.median = (out.lost_median_bounds.low + out.lost_median_bounds.high) / 2;
}

void merge_reports(const std::vector<MeasurementSource>& sources, Measurement& out) {
  std::map<std::string, std::int64_t> kinds;
  std::map<std::string, std::size_t> index;
  for (const MeasurementSource& source : sources) {
    const Measurement* cell = &source.measured;
    for (const ReportKindCount& k : cell->report_kinds) kinds[k.kind] += k.trials;
    for (const UniqueReport& r : cell->unique_reports) {
      auto [it, inserted] =
          index.try_emplace(signature(r.kind, r.locations), out.unique_reports.size());
      if (inserted) {
        out.unique_reports.push_back(r);
        continue;
      }
      UniqueReport& merged = out.unique_reports[it->second];
      merged.trials += r.trials;
      merged.occurrences += r.occurrences;
      // The example stays the one from the earliest trial; a start-up report (-1) comes last.
      const bool earlier =
          r.first_trial >= 0 && (merged.first_trial < 0 || r.first_trial < merged.first_trial);
      if (earlier) {
        merged.first_trial = r.first_trial;
        merged.example = r.example;
      }
    }
    out.runtime_reports += cell->runtime_reports;
    out.parsed_reports += cell->parsed_reports;
    out.dropped_reports += cell->dropped_reports;
    out.capped_trials += cell->capped_trials;
    add_matches(out.suppressed, cell->suppressed);
  }
  for (const auto& [kind, trials] : kinds) out.report_kinds.push_back({kind, trials});
}

// Counts add up exactly. The per-trial ratios are not kept, so the median of the merged trials is
// not known: it lies between the inputs' medians, and the merge keeps the largest (an upper
// bound, exact for one input). The flags (Fairness::unfair, ::starving) need only the counts.
void merge_fairness(const std::vector<MeasurementSource>& sources, Measurement& out) {
  for (const MeasurementSource& source : sources) {
    const Measurement* cell = &source.measured;
    if (!cell->fairness) continue;
    const Fairness& f = *cell->fairness;
    if (!out.fairness) {
      out.fairness = f;
      continue;
    }
    Fairness& m = *out.fairness;
    m.trials += f.trials;
    m.unjudged_trials += f.unjudged_trials;
    m.unfair_trials += f.unfair_trials;
    m.starved_trials += f.starved_trials;
    m.median_ratio = std::max(m.median_ratio, f.median_ratio);
    if (f.trials > 0 && (m.worst_trial < 0 || f.worst_ratio > m.worst_ratio)) {
      m.worst_ratio = f.worst_ratio;
      m.worst_trial = f.worst_trial;
      m.worst_acquisitions = f.worst_acquisitions;
    }
  }
}

// A cell stopped on what its trials showed (--until-ci-width, --stop-on-detect) has intervals that
// hold for its own stopping rule only: adding another input's trials to it would give intervals
// that hold for no rule. Such a cell merges only with inputs that ran none of its trials. A time
// budget stops on time, not on outcomes, so cells it stopped merge like fixed ones.
void merge_stopping(const std::vector<MeasurementSource>& sources, const std::string& key,
                    Measurement& out) {
  std::vector<std::size_t> with_trials;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (sources[i].measured.trials > 0) with_trials.push_back(i);
  }
  if (with_trials.size() == 1) {
    out.stopped_by = sources[with_trials[0]].measured.stopped_by;
    out.interval_alpha = sources[with_trials[0]].measured.interval_alpha;
    return;
  }
  out.stopped_by = StopReason::trials;
  out.interval_alpha = kAlpha;
  for (std::size_t i : with_trials) {
    const Measurement& cell = sources[i].measured;
    if (cell.stopped_by == StopReason::first_detection ||
        cell.stopped_by == StopReason::first_failure || cell.stopped_by == StopReason::ci_width ||
        cell.interval_alpha < kAlpha) {
      throw Error{sources[i].file + ": " + key +
                  " ran under a sequential stopping rule (--until-ci-width or "
                  "--stop-on-detect), so its intervals cannot take in other inputs' trials"};
    }
    if (cell.stopped_by == StopReason::duration) out.stopped_by = StopReason::duration;
  }
}

// The model cells' schedules: counts add up, maxima take the larger, and the first failing
// schedules are the first of all inputs' by trial. A median cannot be recovered from several
// inputs' medians: it is kept only when one input has schedules.
void merge_schedule_stats(const std::vector<MeasurementSource>& sources, Measurement& out) {
  int inputs = 0;
  for (const MeasurementSource& source : sources) {
    if (!source.measured.schedule_stats) continue;
    const ScheduleStats& m = *source.measured.schedule_stats;
    if (!out.schedule_stats) out.schedule_stats.emplace();
    ScheduleStats& merged = *out.schedule_stats;
    if (m.schedules > 0 && inputs++ == 0) {
      merged.median_steps = m.median_steps;
      merged.median_switches = m.median_switches;
    } else if (m.schedules > 0) {
      merged.median_steps.reset();
      merged.median_switches.reset();
    }
    merged.schedules += m.schedules;
    merged.fallbacks += m.fallbacks;
    merged.failing += m.failing;
    merged.max_steps = std::max(merged.max_steps, m.max_steps);
    merged.max_switches = std::max(merged.max_switches, m.max_switches);
    merged.first_failing.insert(merged.first_failing.end(), m.first_failing.begin(),
                                m.first_failing.end());
  }
  if (!out.schedule_stats) return;
  std::vector<FailingSchedule>& failing = out.schedule_stats->first_failing;
  std::stable_sort(
      failing.begin(), failing.end(),
      [](const FailingSchedule& a, const FailingSchedule& b) { return a.trial < b.trial; });
  if (failing.size() > ScheduleStats::kKeptFailing) failing.resize(ScheduleStats::kKeptFailing);
}

}  // namespace

Result<Measurement> merge_measurements(const std::vector<MeasurementSource>& sources,
                                       const std::string& cell, const DetectorInfo& detector,
                                       const Expect& expect) {
  return result_of([&] {
    Measurement out;
    bool unknown_schedules = false;  // an input with schedules but no record of how drawn
    std::int64_t failed = 0, reported = 0;
    std::size_t most_unpinned = 0;
    for (const MeasurementSource& source : sources) {
      const Measurement& m = source.measured;
      out.trials += m.trials;
      failed += m.failures.events;
      reported += m.report_trials.events;
      out.trial_seconds += m.trial_seconds;
      out.wall_seconds += m.wall_seconds;
      // An input written before overlap was measured adds trials but no measurement: its trials
      // count as they did (Overlap::concurrent_trials).
      out.overlap.add(m.overlap);
      out.lost_trials += m.lost_trials;
      out.torn_trials += m.torn_trials;
      out.torn_reads =
          m.torn_reads > INT64_MAX - out.torn_reads ? INT64_MAX : out.torn_reads + m.torn_reads;
      out.torn_reads_max = std::max(out.torn_reads_max, m.torn_reads_max);
      // One runner's probe stands for the cell; where inputs saw it differently (runners built
      // otherwise), the one that saw less: what it could not see, the detector may not see.
      if (m.sync && (!out.sync || m.sync->unseen().size() > out.sync->unseen().size())) {
        out.sync = m.sync;
      }
      if (m.model && out.model) {
        add_schedules(*out.model, *m.model, "runs");
      } else if (m.model) {
        out.model = m.model;
      } else if (m.trials > 0) {
        unknown_schedules = true;
      }
      if (m.error) {
        out.error = (out.error ? *out.error + "; " : std::string()) + source.file + ": " + *m.error;
      }
      out.faults.insert(out.faults.end(), m.faults.begin(), m.faults.end());
      // Keep the placement that pinned fewest workers, so grading still warns about it.
      const auto unpinned =
          static_cast<std::size_t>(std::count(m.worker_cpus.begin(), m.worker_cpus.end(), -1));
      if (out.worker_cpus.empty() || unpinned > most_unpinned) {
        most_unpinned = unpinned;
        out.worker_cpus = m.worker_cpus;
      }
    }
    if (out.model && unknown_schedules && out.model->disagreement.empty()) {
      out.model->disagreement = "runs of which one does not say how its schedules were drawn";
    }
    out.trial_ranges = merge_ranges(sources, cell);
    merge_schedule_stats(sources, out);
    merge_stopping(sources, cell, out);
    out.failures.events = failed;
    out.report_trials.events = reported;
    set_intervals(out, detector, expect);
    merge_lost_updates(sources, out);
    merge_reports(sources, out);
    merge_fairness(sources, out);
    return out;
  });
}

}  // namespace lockstress
