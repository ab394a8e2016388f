#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/base/exit_codes.hpp"
#include "harness/ingest/tsan_report.hpp"
#include "harness/protocol/variant.hpp"
#include "harness/stats/fairness.hpp"
#include "harness/stats/overlap.hpp"
#include "harness/stats/statistics.hpp"
#include "harness/stats/stopping_rule.hpp"
#include "harness/summary/machine_load.hpp"
#include "lockstress/expect.hpp"

namespace lockstress {

inline constexpr const char* kSummarySchema = "lockstress.summary/1";

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

enum class Verdict { pass, fail, inconclusive, error };

std::string_view to_string(Verdict verdict);

// One (case, variant, parameters) cell: what was asked, what was measured, and the verdict.
struct CellResult {
  std::string case_name;
  std::string description;
  Expect expect;
  Variant variant;
  int threads = 0;
  std::int64_t iterations = 0;
  std::int64_t trials_requested = 0;
  std::int64_t expected_count = 0;
  std::string pin;               // as asked
  std::vector<int> worker_cpus;  // as achieved: each worker's CPU, -1 where not pinned

  std::int64_t trials = 0;               // completed
  std::vector<TrialRange> trial_ranges;  // which trials those were, in order
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

  Verdict verdict = Verdict::inconclusive;
  std::vector<std::string> reasons;

  std::int64_t failed_trials() const { return failures.events; }
  // Trials in which the runtime printed a report of `kind` ("data race", ...).
  std::int64_t trials_with_kind(const std::string& kind) const;
};

struct Context {
  std::string lockstress_version;
  std::string command;        // exactly as typed
  std::string rerun_command;  // every choice spelled out, the seed included
  std::uint64_t seed = 0;
  int cpus = 0;  // CPUs this process may run on
  int online_cpus = 0;
  std::string cpu_model;
  std::string arch;
  std::string os;
  std::string compiler;
  std::string started_at;    // ISO 8601, UTC
  std::string tsan_options;  // TSAN_OPTIONS from the environment, which overrides the defaults

  // The rest of the platform fingerprint: what a lock's behaviour can depend on.
  std::string distribution;    // /etc/os-release PRETTY_NAME
  std::string kernel_version;  // uname -v: the kernel's build
  std::string libc;            // "glibc 2.36"
  int threads_per_core = 0;    // SMT: 1 without; 0 unknown
  int cache_line_bytes = 0;    // 0 unknown
  // How the runners were built, as lockstress_add_runner() recorded it (empty: not recorded).
  std::string runner_compiler;
  std::vector<VariantBuild> variant_builds;  // in the program's order of variants

  // How the trials ran and when cells stopped (defaults: a summary that predates them).
  std::string start_line = "hybrid";  // --start
  std::string perturb = "none";       // --perturb
  std::string stopping_rule = "fixed: every cell runs the trials asked";
  std::string stopping_note = "Intervals are for the fixed number of trials run.";

  // The code under test: the directory report paths are relative to (--source-root, absolute),
  // and the git checkout it is in (harness/summary/source_control.hpp). Empty when unknown, or
  // in a merge of inputs that differ. (Initialised, so that the tests' positional contexts may
  // stop before them.)
  std::string source_root{};
  std::string repository_uri{};
  std::string revision{};
  std::string branch{};
  std::string repository_root{};  // the checkout's top directory

  MachineLoad load{};  // while the run ran (harness/summary/machine_load.hpp)

  // The architecture the runners were built for, and, when that is not the CPU's, why the run
  // is no evidence of that architecture's memory model (harness/summary/cpu_model.hpp); empty
  // when native.
  std::string binary_arch{};
  std::string emulation{};
};

// What a report says beyond a plain fixed run's summary: a start line or perturbation other than
// the default, and a stopping rule (which changes what the intervals mean).
bool ran_unusual_trials(const Context& context);
bool ran_stopping_rule(const Context& context);

// One summary that `lockstress merge` combined into this one, with its own context.
struct MergedInput {
  std::string file;  // as named on the command line
  bool complete = true;
  Context context;
};

struct Summary {
  bool complete = true;
  int interrupted_by = 0;  // the signal that stopped the run early (complete is then false)
  Context context;
  std::vector<CellResult> results;
  std::vector<MergedInput> merged_from;  // empty unless this summary is a merge
  // Outputs that could not be written ("--html out.html", "stdout"), in the order they were
  // tried: the JSON, written last, names the others.
  std::vector<std::string> unwritten_outputs;
};

// 0 all pass; 1 any fail; 4 any error (and no fail); 3 any inconclusive (and neither); 5 when an
// output could not be written, whatever the verdicts; 128 + N when signal N interrupted the run
// (130 SIGINT, 143 SIGTERM), whatever else.
int exit_code(const Summary& summary);

}  // namespace lockstress
