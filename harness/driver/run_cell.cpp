#include "harness/driver/run_cell.hpp"

#include <signal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "harness/analysis/cell_tally.hpp"
#include "harness/analysis/stopping.hpp"
#include "harness/driver/child_process.hpp"
#include "harness/driver/runner_end.hpp"
#include "harness/driver/shared_records.hpp"
#include "harness/driver/watchdog.hpp"
#include "harness/ingest/runner_stream.hpp"
#include "harness/protocol/protocol.hpp"
#include "harness/protocol/trial_seed.hpp"

namespace lockstress {
namespace {

using Clock = Watchdog::Clock;

// The runner for trials [first_trial, the end of the plan's trials), starting none after
// `time_left` when set (the rest of this cell's share of --duration).
std::vector<std::string> runner_arguments(const PlannedCell& cell, const CellSettings& settings,
                                          std::int64_t first_trial,
                                          std::optional<Clock::duration> time_left,
                                          bool shared_records) {
  std::vector<std::string> args{settings.runner_path,
                                std::string(protocol::kRunnerCommand),
                                "--case",
                                cell.plan.case_name,
                                "--threads",
                                std::to_string(cell.plan.threads),
                                "--iterations",
                                std::to_string(cell.plan.iterations),
                                "--first-trial",
                                std::to_string(first_trial),
                                "--trials",
                                std::to_string(cell.first_trial + cell.plan.trials - first_trial),
                                "--seed",
                                std::to_string(settings.seed),
                                "--pin",
                                std::string(to_string(cell.plan.pin)),
                                "--progress-fd",
                                std::to_string(kProgressFd)};
  if (cell.plan.variant.info().real_threads) {
    args.insert(args.end(), {"--start", std::string(to_string(settings.start)), "--perturb",
                             std::string(to_string(settings.perturb))});
  }
  args.insert(args.begin(), settings.emulator.begin(), settings.emulator.end());
  if (const std::int64_t stagger = cell.plan.variant.info().start_stagger_ns; stagger > 0) {
    args.insert(args.end(), {"--start-stagger-ns", std::to_string(stagger)});
  }
  if (cell.plan.variant.info().probes_sync) args.insert(args.end(), {"--probe-sync", "1"});
  if (shared_records) args.insert(args.end(), {"--record-ring-fd", std::to_string(kSharedFd)});
  if (time_left) {
    // In whole milliseconds, at least one: a runner always runs its first trial.
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(*time_left).count();
    args.insert(args.end(), {"--time-limit-ms", std::to_string(std::max<std::int64_t>(1, ms))});
  }
  return args;
}

std::string seconds_text(std::chrono::duration<double> seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", seconds.count());
  return text;
}

// The ranges record the indices the runner reported, not the ones asked for.
void add_trial_index(std::vector<TrialRange>& ranges, std::uint64_t seed, std::int64_t index) {
  if (!ranges.empty() && ranges.back().seed == seed &&
      ranges.back().first + ranges.back().count == index) {
    ++ranges.back().count;
  } else {
    ranges.push_back({seed, index, 1});
  }
}

}  // namespace

std::string runner_path(const std::string& driver_path, const Variant& variant) {
  return driver_path + "-" + variant.name;
}

Measurement run_cell(const PlannedCell& cell, const CellSettings& settings) {
  const CellPlan& plan = cell.plan;
  const DetectorInfo& detector = plan.variant.info();
  CellTally tally(plan.expected_count(), settings.source_root);
  // What the runners tell beyond the tally's counts.
  std::vector<TrialRange> trial_ranges;
  std::vector<int> worker_cpus;
  double wall_seconds = 0;
  std::optional<std::string> error;
  std::vector<TrialFault> faults;
  std::optional<SyncProbe> sync;             // the first runner's probe stands for the cell
  std::optional<ModelSchedules> model;       // the first runner's, checked against the others'
  std::vector<SuppressionMatch> suppressed;  // summed over the cell's runners
  Watchdog watchdog(settings.timeout);
  std::optional<Clock::time_point> time_up;
  if (settings.time_limit_seconds) {
    time_up = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(*settings.time_limit_seconds));
  }
  // Set once the stopping rule is met: the runner is asked to stop after its current trial, and
  // trials it reports after this one are not counted, so that the rule chose the count.
  std::optional<StopReason> stopped;
  const std::int64_t end = cell.first_trial + plan.trials;
  std::int64_t next = cell.first_trial;  // the first trial the next runner runs
  // A runner that prints no reports puts its records in memory instead of writing them to stderr
  // (harness/protocol/record_ring.hpp says why); without the memory, they come on stderr.
  const std::unique_ptr<SharedRecords> shared =
      detector.reads_reports ? nullptr : SharedRecords::create();
  while (next < end) {
    if (time_up && next > cell.first_trial && Clock::now() >= *time_up) {
      stopped = StopReason::duration;  // after a fault, with no time left to restart
      break;
    }
    int runner = 0;
    RunnerStream stream(
        [&](TrialEvent trial) {
          watchdog.progress(Clock::now());
          if (stopped) return;
          add_trial_index(trial_ranges, settings.seed, trial.index);
          tally.add_trial(trial);
          if (settings.on_trial) settings.on_trial(trial);
          stopped = should_stop(settings.stopping, tally, plan.expect, detector);
          if (stopped && runner > 0) ::kill(runner, protocol::kStopSignal);
        },
        next, plan.expected_count());
    if (shared) shared->reset();
    // What the runner put before it wrote to stderr comes before what it wrote.
    std::string records;
    auto take_shared = [&] {
      records.clear();
      if (!shared) return false;
      if (!shared->take(records)) stream.fail("the runner's shared records are corrupt");
      stream.feed_records(records);
      return !records.empty();
    };
    ChildWatch watch;
    watch.on_output = [&](std::string_view bytes) {
      take_shared();
      stream.feed(bytes);
    };
    if (shared) watch.on_read_interval = take_shared;
    watch.on_progress = [&] { watchdog.progress(Clock::now()); };
    watch.on_tick = settings.on_tick;
    watch.on_start = [&](int pid) {
      runner = pid;
      if (settings.on_runner_start) settings.on_runner_start(pid);
    };
    // A runner whose protocol broke is stopped at once: nothing it says can be counted any more.
    watch.deadline = [&] {
      return stream.error() ? Clock::time_point::min() : watchdog.deadline();
    };
    watch.stop_fd = settings.stop_fd;
    std::optional<Clock::duration> time_left;
    if (time_up) time_left = *time_up - Clock::now();
    ChildSpec spec{runner_arguments(cell, settings, next, time_left, shared != nullptr),
                   {},
                   true,
                   shared ? shared->fd() : -1};
    if (detector.takes_tsan_options) spec.env = settings.tsan_env;

    watchdog.start(Clock::now());
    const ChildOutcome outcome = run_child(spec, watch);
    runner = 0;     // reaped: the pid may name another process now
    take_shared();  // every record it put, however it ended
    stream.finish();
    const auto limit = watchdog.limit();
    wall_seconds += outcome.wall_seconds;
    if (worker_cpus.empty()) worker_cpus = stream.worker_cpus();
    if (!sync) sync = stream.sync_probe();
    if (const auto& schedules = stream.model_schedules()) {
      // A restarted runner measures the same k (model_trials.cpp); if one did not, say so.
      if (model) add_schedules(*model, *schedules, "runners");
      if (!model) model = schedules;
    }
    add_matches(suppressed, stream.matched_suppressions());
    tally.add_reports_outside_trials(stream.reports_outside_trials());
    const std::int64_t unfinished = next + stream.trials_seen();
    tally.add_reports_of_unfinished_trial(stream.reports_of_unfinished_trial(), unfinished);

    const RunnerEnd runner_end = judge_runner(outcome, stream, detector, end - next);
    if (runner_end.kind == RunnerEnd::Kind::finished) {
      if (stream.restart_asked() && !stopped && unfinished < end) {
        next = unfinished;
        continue;
      }
      // A runner ends early of its own accord only when asked to stop, out of time, or to be
      // restarted (above).
      if (!stopped && unfinished < end) stopped = StopReason::duration;
      break;
    }
    if (runner_end.kind == RunnerEnd::Kind::stopped) break;
    if (runner_end.kind == RunnerEnd::Kind::broken) {
      error = runner_end.cause;
      break;
    }
    const bool hung = runner_end.kind == RunnerEnd::Kind::hung;
    faults.push_back(
        TrialFault{hung ? TrialFault::Kind::hung : TrialFault::Kind::crashed, unfinished,
                   trial_seed(settings.seed, unfinished),
                   hung ? "no progress for " + seconds_text(limit) + " (the watchdog limit)"
                        : runner_end.cause,
                   last_lines(stream, 8, "\n")});
    next = unfinished + 1;
    // A fault after the stopping rule was met ends the cell: the rule already chose its trials.
    if (stopped || static_cast<std::int64_t>(faults.size()) >= settings.max_faults) break;
  }
  Measurement measured = tally.measurement();
  measured.trial_ranges = std::move(trial_ranges);
  measured.worker_cpus = std::move(worker_cpus);
  measured.wall_seconds = wall_seconds;
  measured.error = std::move(error);
  measured.faults = std::move(faults);
  measured.sync = std::move(sync);
  measured.model = std::move(model);
  measured.suppressed = std::move(suppressed);
  if (stopped) measured.stopped_by = *stopped;
  measured.interval_alpha = interval_alpha(settings.stopping, measured.trials);
  set_intervals(measured, detector, plan.expect);
  return measured;
}

}  // namespace lockstress
