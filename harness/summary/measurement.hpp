#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/ingest/matched_suppressions.hpp"
#include "harness/ingest/model_schedules.hpp"
#include "harness/ingest/tsan_report.hpp"
#include "harness/protocol/sync_probe.hpp"
#include "harness/stats/fairness.hpp"
#include "harness/stats/overlap.hpp"
#include "harness/stats/statistics.hpp"
#include "harness/stats/stopping_rule.hpp"

namespace lockstress {

// One finding, deduplicated across the trials of a cell by kind and locations.
struct UniqueReport {
  std::string kind;
  std::vector<SourceLocation> locations;
  std::int64_t trials = 0;        // trials it appeared in
  std::int64_t occurrences = 0;   // times it was printed
  std::int64_t first_trial = -1;  // -1: printed outside any trial (at start-up or exit)
  std::string example;            // the full text of its first occurrence
};

// Trials with at least one report of one kind ("data race", "lock-order-inversion", ...).
struct ReportKindCount {
  std::string kind;
  std::int64_t trials = 0;
};

// A trial the case never finished: it made no progress until the watchdog killed the runner
// (hung), or it killed the runner with a signal or an exception (crashed). The runner restarts at
// the next trial.
struct TrialFault {
  enum class Kind { hung, crashed };
  Kind kind = Kind::crashed;
  std::int64_t trial = 0;
  std::uint64_t seed = 0;
  std::string cause;   // "no progress for 61.0 s", "SIGSEGV", "std::runtime_error: ..."
  std::string output;  // the last lines the runner printed, newline-separated
};

std::string_view to_string(TrialFault::Kind kind);

// Trials [first, first + count) of the run seeded `seed`: each trial's own seed is
// trial_seed(seed, index), so ranges name exactly which trials a cell holds, across shards and
// merges.
struct TrialRange {
  std::uint64_t seed = 0;
  std::int64_t first = 0;
  std::int64_t count = 0;
};

// A model schedule that failed (lost or tore updates, drew a report, deadlocked), with what
// replays it (docs/model.md, "Replay").
struct FailingSchedule {
  std::int64_t trial = 0;
  std::uint64_t seed = 0;
  std::string replay_key;  // model::replay_key of the schedule
  std::string choices;     // its choice trace; empty: not recorded (replay from the seed)
  std::uint64_t trace_hash = 0;
  std::int64_t lost_updates = 0;  // expected - final count
  std::int64_t torn_reads = 0;
  int reports = 0;  // sanitizer-format reports the schedule printed (races, the deadlock)
  bool deadlock = false;
};

// What a model cell's schedules did (the model runner's trial records; unset in other cells).
struct ScheduleStats {
  // The failing schedules kept with their replay data, the first ones by trial number.
  static constexpr std::size_t kKeptFailing = 5;
  std::int64_t schedules = 0;
  // Medians over the schedules; unset after a merge of several cells' schedules, whose medians
  // cannot be recovered from theirs.
  std::optional<double> median_steps;
  std::optional<double> median_switches;
  std::int64_t max_steps = 0;
  std::int64_t max_switches = 0;
  std::int64_t fallbacks = 0;  // schedules the step cap made fair (round-robin)
  std::int64_t failing = 0;    // schedules that failed, of which `first_failing` are kept
  std::vector<FailingSchedule> first_failing;
};

// What a cell's trials showed: counts, lost updates, reports, fairness, overlap, timings and
// faults. Built once, by the stage that measured it: the tally of a run (CellTally::measurement),
// the JSON reader, or merge (from the inputs' measurements); the rates' intervals are computed
// there (set_intervals), and nothing changes it after.
struct Measurement {
  std::int64_t trials = 0;               // completed
  std::vector<TrialRange> trial_ranges;  // which trials those were, in order
  std::vector<int> worker_cpus;          // each worker's CPU as achieved, -1 where not pinned
  Rate failures;                         // trials whose final count was wrong
  Description lost_updates;              // expected - final count, over all trials
  // Where the median of lost updates is known to lie; lost_updates.median is its midpoint.
  // [median, median] when exact: below LostUpdateTally::kExactBelow lost updates. Above it, the
  // streaming tally knows the median to one of its fine buckets (within 0.8%); a merge of several
  // inputs only has their power-of-two histograms, so there it is the coarse bucket(s).
  Interval lost_median_bounds;
  std::vector<HistogramBucket> lost_histogram;
  Rate report_trials;  // trials with at least one sanitizer report
  std::vector<ReportKindCount> report_kinds;
  std::int64_t runtime_reports = 0;  // counted by the runtime's report hook
  std::int64_t parsed_reports = 0;   // report texts read from the runner's output
  // Reports past the per-trial cap (protocol::kReportsPerTrial), counted by the runtime's hook
  // and never printed, and the trials that reached the cap.
  std::int64_t dropped_reports = 0;
  std::int64_t capped_trials = 0;
  // The suppressions (--suppressions, or TSan's built-in ones) that matched reports in the cell's
  // runners, as TSan counted them at exit: reports never printed, so never counted above.
  std::vector<SuppressionMatch> suppressed;
  std::vector<UniqueReport> unique_reports;
  std::optional<Fairness> fairness;  // lock cases: each trial's acquisition snapshot, summarised
  Overlap overlap;                   // whether the workers ran at once, trial by trial
  double trial_seconds = 0;          // sum of the trials' wall times
  double wall_seconds = 0;           // of the whole runner process, start-up included
  std::optional<std::string> error;  // set when the cell could not run to completion
  std::vector<TrialFault> faults;    // hung or crashed trials, in order
  // The stopping rule that ended the cell; `trials` when none did (faults or an interrupt may
  // still have cut it short: see faults and Summary::complete).
  StopReason stopped_by = StopReason::trials;
  // The two-sided error of the cell's intervals: 5%, less under --until-ci-width (stopping.hpp).
  double interval_alpha = 0.05;
  // Trials in which a reader saw a torn pair (Workload::torn_reads), and how many torn reads in
  // all and at most in one trial; those trials count among `failures` too, and `lost_trials` are
  // the failures that lost updates (all of them, in a workload without readers).
  std::int64_t lost_trials = 0;
  std::int64_t torn_trials = 0;
  std::int64_t torn_reads = 0;
  std::int64_t torn_reads_max = 0;
  // What the sync probe saw of the case's lock in this variant (DetectorInfo::probes_sync): unset
  // where it did not run (another kind of detector, or a case without a lock).
  std::optional<SyncProbe> sync;
  // How the model's schedules were drawn, and PCT's n, k and d (the model runner's record): unset
  // for the other kinds of detector.
  std::optional<ModelSchedules> model;
  // What the model's schedules did (their trial records): unset for the other kinds of detector.
  std::optional<ScheduleStats> schedule_stats;

  std::int64_t failed_trials() const { return failures.events; }
  // Trials in which the runtime printed a report of `kind` ("data race", ...).
  std::int64_t trials_with_kind(const std::string& kind) const {
    for (const ReportKindCount& count : report_kinds) {
      if (count.kind == kind) return count.trials;
    }
    return 0;
  }
};

}  // namespace lockstress
