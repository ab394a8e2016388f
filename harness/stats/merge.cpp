#include "harness/stats/merge.hpp"

#include <algorithm>
#include <map>

#include "harness/stats/grading.hpp"
#include "harness/stats/stopping.hpp"
#include "harness/summary/merge_context.hpp"

namespace lockstress {
namespace {

std::string cell_name(const CellResult& cell) { return cell.case_name + "/" + cell.variant.name; }

std::string parameters(const CellResult& cell) {
  return std::to_string(cell.threads) + " threads x " + std::to_string(cell.iterations) +
         " iterations";
}

std::string key(const CellResult& cell) {
  return cell_name(cell) + " " + std::to_string(cell.threads) + "x" +
         std::to_string(cell.iterations);
}

// The cells of every input, by key, in the first input's order; refuses inputs that differ.
std::vector<std::vector<const CellResult*>> match_cells(const std::vector<MergeInput>& inputs) {
  std::vector<std::map<std::string, const CellResult*>> by_key(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (const CellResult& cell : inputs[i].summary.results) {
      if (!by_key[i].emplace(key(cell), &cell).second) {
        throw Error{inputs[i].file + ": holds the cell " + key(cell) + " twice"};
      }
    }
  }
  const auto missing = [&](std::size_t has, std::size_t lacks, const CellResult& cell) {
    for (const CellResult& other : inputs[lacks].summary.results) {
      if (other.case_name == cell.case_name && other.variant == cell.variant) {
        return Error{"cells with different parameters: " + inputs[has].file + " ran " +
                     cell_name(cell) + " with " + parameters(cell) + ", " + inputs[lacks].file +
                     " with " + parameters(other)};
      }
    }
    return Error{inputs[lacks].file + " has no cell " + key(cell) + ", which " + inputs[has].file +
                 " has: merge needs the same cells in every input"};
  };
  std::vector<std::vector<const CellResult*>> matched;
  for (const CellResult& cell : inputs[0].summary.results) {
    std::vector<const CellResult*> group;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      auto it = by_key[i].find(key(cell));
      if (it == by_key[i].end()) throw missing(0, i, cell);
      const CellResult& other = *it->second;
      if (other.pin != cell.pin) {
        throw Error{"cells with different parameters: " + inputs[0].file + " ran " + key(cell) +
                    " with --pin " + cell.pin + ", " + inputs[i].file + " with --pin " + other.pin};
      }
      if (other.variant.detector != cell.variant.detector) {
        throw Error{key(cell) + " is a " + std::string(cell.variant.info().name) + " detector in " +
                    inputs[0].file + " and a " + std::string(other.variant.info().name) +
                    " detector in " + inputs[i].file};
      }
      // The blind spot is words, which may change between versions; what is graded may not.
      if (other.expect.race != cell.expect.race ||
          other.expect.caught_by != cell.expect.caught_by ||
          other.expect.tsan_report != cell.expect.tsan_report) {
        throw Error{key(cell) + " declares a different expectation in " + inputs[0].file + " and " +
                    inputs[i].file + " (different versions of the case?)"};
      }
      group.push_back(&other);
    }
    matched.push_back(group);
  }
  for (std::size_t i = 1; i < inputs.size(); ++i) {
    if (inputs[i].summary.results.size() == inputs[0].summary.results.size()) continue;
    for (const CellResult& cell : inputs[i].summary.results) {
      if (!by_key[0].count(key(cell))) throw missing(i, 0, cell);
    }
  }
  return matched;
}

// The trial ranges of every input, in order of seed then index; the same trial twice is refused.
std::vector<TrialRange> merge_ranges(const std::vector<MergeInput>& inputs,
                                     const std::vector<const CellResult*>& cells) {
  struct Owned {
    TrialRange range;
    std::size_t input;
  };
  std::vector<Owned> all;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    for (const TrialRange& range : cells[i]->trial_ranges) all.push_back({range, i});
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
      throw Error{inputs[all[k - 1].input].file + " and " + inputs[all[k].input].file +
                  " both hold trial " + std::to_string(r.first) + " of seed " +
                  std::to_string(r.seed) + " in " + key(*cells[0]) +
                  " (the same shard or run twice?)"};
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

std::vector<HistogramBucket> merge_histograms(const std::vector<const CellResult*>& cells) {
  // Buckets of non-negative values have fixed bounds; the one negative bucket is [min, -1].
  std::map<std::int64_t, HistogramBucket> by_high;
  for (const CellResult* cell : cells) {
    for (const HistogramBucket& b : cell->lost_histogram) {
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

void merge_lost_updates(const std::vector<const CellResult*>& cells, CellResult& out) {
  out.lost_histogram = merge_histograms(cells);
  double sum = 0;
  std::vector<const CellResult*> with_trials;
  for (const CellResult* cell : cells) {
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

void merge_reports(const std::vector<const CellResult*>& cells, CellResult& out) {
  std::map<std::string, std::int64_t> kinds;
  std::map<std::string, std::size_t> index;
  for (const CellResult* cell : cells) {
    for (const ReportKindCount& k : cell->report_kinds) kinds[k.kind] += k.trials;
    for (const UniqueReport& r : cell->unique_reports) {
      const std::string signature = r.kind + " at " + describe_locations(r.locations);
      auto [it, inserted] = index.try_emplace(signature, out.unique_reports.size());
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
  }
  for (const auto& [kind, trials] : kinds) out.report_kinds.push_back({kind, trials});
}

// Counts add up exactly. The per-trial ratios are not kept, so the median of the merged trials is
// not known: it lies between the inputs' medians, and the merge keeps the largest (an upper
// bound, exact for one input). The flags (Fairness::unfair, ::starving) need only the counts.
void merge_fairness(const std::vector<const CellResult*>& cells, CellResult& out) {
  out.fairness.reset();
  for (const CellResult* cell : cells) {
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
void merge_stopping(const std::vector<MergeInput>& inputs,
                    const std::vector<const CellResult*>& cells, CellResult& out) {
  std::vector<std::size_t> with_trials;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (cells[i]->trials > 0) with_trials.push_back(i);
  }
  if (with_trials.size() == 1) {
    out.stopped_by = cells[with_trials[0]]->stopped_by;
    out.interval_alpha = cells[with_trials[0]]->interval_alpha;
    return;
  }
  out.stopped_by = StopReason::trials;
  out.interval_alpha = kAlpha;
  for (std::size_t i : with_trials) {
    const CellResult& cell = *cells[i];
    if (cell.stopped_by == StopReason::first_detection || cell.stopped_by == StopReason::ci_width ||
        cell.interval_alpha < kAlpha) {
      throw Error{inputs[i].file + ": " + key(cell) +
                  " ran under a sequential stopping rule (--until-ci-width or "
                  "--stop-on-detect), so its intervals cannot take in other inputs' trials"};
    }
    if (cell.stopped_by == StopReason::duration) out.stopped_by = StopReason::duration;
  }
}

// Every count of a cell is at most its trials_requested (the reader's invariants), except the
// report counts, which parsed_report_count bounds (runtime_report_count bounds itself): when
// these three sums fit 64 bits, every sum the merge makes does.
void check_sums_fit(const std::vector<const CellResult*>& cells) {
  std::int64_t requested = 0, parsed = 0, runtime = 0;
  for (const CellResult* cell : cells) {
    if (__builtin_add_overflow(requested, cell->trials_requested, &requested) ||
        __builtin_add_overflow(parsed, cell->parsed_reports, &parsed) ||
        __builtin_add_overflow(runtime, cell->runtime_reports, &runtime)) {
      throw Error{key(*cells[0]) +
                  ": the inputs' trials or reports add up to more than a 64-bit "
                  "count holds"};
    }
  }
}

CellResult merge_cell(const std::vector<MergeInput>& inputs,
                      const std::vector<const CellResult*>& cells) {
  check_sums_fit(cells);
  CellResult out = *cells[0];
  out.trials_requested = out.trials = 0;
  out.lost_updates = {};
  out.report_kinds.clear();
  out.unique_reports.clear();
  out.runtime_reports = out.parsed_reports = 0;
  out.trial_seconds = out.wall_seconds = 0;
  out.error.reset();
  out.faults.clear();
  out.reasons.clear();
  out.overlap = {};
  std::int64_t failed = 0, reported = 0;
  std::size_t most_unpinned = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const CellResult& cell = *cells[i];
    out.trials_requested += cell.trials_requested;
    out.trials += cell.trials;
    failed += cell.failures.events;
    reported += cell.report_trials.events;
    out.trial_seconds += cell.trial_seconds;
    out.wall_seconds += cell.wall_seconds;
    // An input written before overlap was measured adds trials but no measurement: its trials
    // count as they did (Overlap::concurrent_trials).
    out.overlap.add(cell.overlap);
    if (cell.error) {
      out.error =
          (out.error ? *out.error + "; " : std::string()) + inputs[i].file + ": " + *cell.error;
    }
    out.faults.insert(out.faults.end(), cell.faults.begin(), cell.faults.end());
    // Keep the placement that pinned fewest workers, so grading still warns about it.
    const auto unpinned =
        static_cast<std::size_t>(std::count(cell.worker_cpus.begin(), cell.worker_cpus.end(), -1));
    if (unpinned > most_unpinned) {
      most_unpinned = unpinned;
      out.worker_cpus = cell.worker_cpus;
    }
  }
  out.trial_ranges = merge_ranges(inputs, cells);
  merge_stopping(inputs, cells, out);
  out.failures.events = failed;
  out.report_trials.events = reported;
  set_intervals(out);
  merge_lost_updates(cells, out);
  merge_reports(cells, out);
  merge_fairness(cells, out);
  return out;
}

}  // namespace

Result<Summary> merge_summaries(const std::vector<MergeInput>& inputs) {
  if (inputs.empty()) return Error{"nothing to merge"};
  return result_of([&] {
    Summary merged;
    for (const MergeInput& input : inputs) {
      merged.complete = merged.complete && input.summary.complete;
      if (input.summary.merged_from.empty()) {
        merged.merged_from.push_back({input.file, input.summary.complete, input.summary.context});
      } else {
        merged.merged_from.insert(merged.merged_from.end(), input.summary.merged_from.begin(),
                                  input.summary.merged_from.end());
      }
    }
    for (const std::vector<const CellResult*>& cells : match_cells(inputs)) {
      merged.results.push_back(merge_cell(inputs, cells));
    }
    merged.context = merge_contexts(merged.merged_from);
    grade_all(merged.results);
    return merged;
  });
}

}  // namespace lockstress
