#include "harness/driver/run_cell.hpp"

#include <cstdio>

#include "harness/driver/child_process.hpp"
#include "harness/driver/runner_end.hpp"
#include "harness/driver/watchdog.hpp"
#include "harness/ingest/runner_stream.hpp"
#include "harness/protocol.hpp"
#include "harness/stats/cell_tally.hpp"
#include "harness/trial_seed.hpp"

namespace lockstress {
namespace {

using Clock = Watchdog::Clock;

// The runner for trials [first_trial, the end of the plan's trials).
std::vector<std::string> runner_arguments(const CellPlan& plan, const CellSettings& settings,
                                          std::int64_t first_trial) {
  return {settings.runner_path,
          std::string(protocol::kRunnerCommand),
          "--case",
          plan.test_case->name,
          "--threads",
          std::to_string(plan.threads),
          "--iterations",
          std::to_string(plan.iterations),
          "--first-trial",
          std::to_string(first_trial),
          "--trials",
          std::to_string(plan.first_trial + plan.trials - first_trial),
          "--seed",
          std::to_string(settings.seed),
          "--pin",
          std::string(to_string(settings.pin)),
          "--progress-fd",
          std::to_string(kProgressFd)};
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

CellResult describe_plan(const CellPlan& plan) {
  CellResult cell;
  cell.case_name = plan.test_case->name;
  cell.description = plan.test_case->description;
  cell.expect = plan.test_case->expect;
  cell.variant = plan.variant;
  cell.threads = plan.threads;
  cell.iterations = plan.iterations;
  cell.trials_requested = plan.trials;
  cell.expected_count = plan.threads * plan.iterations;
  return cell;
}

}  // namespace

std::string runner_path(const std::string& driver_path, Variant variant) {
  return driver_path + "-" + std::string(to_string(variant));
}

CellResult run_cell(const CellPlan& plan, const CellSettings& settings) {
  CellResult cell = describe_plan(plan);
  CellTally tally(cell.expected_count, settings.source_root);
  Watchdog watchdog(settings.timeout);
  const std::int64_t end = plan.first_trial + plan.trials;
  std::int64_t next = plan.first_trial;  // the first trial the next runner runs
  while (next < end) {
    RunnerStream stream(
        [&](TrialEvent trial) {
          add_trial_index(cell.trial_ranges, settings.seed, trial.index);
          tally.add_trial(trial);
          watchdog.progress(Clock::now());
          if (settings.on_trial) settings.on_trial(trial);
        },
        next, cell.expected_count);
    ChildWatch watch;
    watch.on_output = [&](std::string_view bytes) { stream.feed(bytes); };
    watch.on_progress = [&] { watchdog.progress(Clock::now()); };
    watch.on_start = settings.on_runner_start;
    // A runner whose protocol broke is stopped at once: nothing it says can be counted any more.
    watch.deadline = [&] {
      return stream.error() ? Clock::time_point::min() : watchdog.deadline();
    };
    watch.stop_fd = settings.stop_fd;
    ChildSpec spec{runner_arguments(plan, settings, next), {}, true};
    if (plan.variant == Variant::tsan) spec.env = settings.tsan_env;

    watchdog.start(Clock::now());
    const ChildOutcome outcome = run_child(spec, watch);
    stream.finish();
    const auto limit = watchdog.limit();
    cell.wall_seconds += outcome.wall_seconds;
    if (cell.worker_cpus.empty()) {
      cell.pin = stream.pin();
      cell.worker_cpus = stream.worker_cpus();
    }
    tally.add_reports_outside_trials(stream.reports_outside_trials());
    const std::int64_t unfinished = next + stream.trials_seen();
    tally.add_reports_of_unfinished_trial(stream.reports_of_unfinished_trial(), unfinished);

    const RunnerEnd runner = judge_runner(outcome, stream, plan.variant, end - next);
    if (runner.kind == RunnerEnd::Kind::finished || runner.kind == RunnerEnd::Kind::stopped) break;
    if (runner.kind == RunnerEnd::Kind::broken) {
      cell.error = runner.cause;
      break;
    }
    const bool hung = runner.kind == RunnerEnd::Kind::hung;
    cell.faults.push_back(TrialFault{
        hung ? TrialFault::Kind::hung : TrialFault::Kind::crashed, unfinished,
        trial_seed(settings.seed, unfinished),
        hung ? "no progress for " + seconds_text(limit) + " (the watchdog limit)" : runner.cause,
        last_lines(stream, 8, "\n")});
    next = unfinished + 1;
    if (static_cast<std::int64_t>(cell.faults.size()) >= settings.max_faults) break;
  }
  tally.fill(cell);
  return cell;
}

}  // namespace lockstress
