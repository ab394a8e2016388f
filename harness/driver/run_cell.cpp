#include "harness/driver/run_cell.hpp"

#include <signal.h>

#include <algorithm>
#include <cmath>

#include "harness/driver/child_process.hpp"
#include "harness/ingest/runner_stream.hpp"
#include "harness/protocol.hpp"
#include "harness/stats/cell_tally.hpp"
#include "harness/stats/stopping.hpp"

namespace lockstress {
namespace {

std::vector<std::string> runner_arguments(const CellPlan& plan, const CellSettings& settings) {
  return {settings.runner_path,
          std::string(protocol::kRunnerCommand),
          "--case",
          plan.test_case->name,
          "--threads",
          std::to_string(plan.threads),
          "--iterations",
          std::to_string(plan.iterations),
          "--first-trial",
          "0",
          "--trials",
          std::to_string(plan.trials),
          "--seed",
          std::to_string(settings.seed),
          "--pin",
          std::string(to_string(settings.pin)),
          "--start",
          std::string(to_string(settings.start)),
          "--perturb",
          std::string(to_string(settings.perturb))};
}

// This cell's share of --duration, in whole milliseconds (at least one).
std::vector<std::string> time_limit_arguments(const CellSettings& settings) {
  if (!settings.time_limit_seconds) return {};
  const auto ms = static_cast<std::int64_t>(std::ceil(*settings.time_limit_seconds * 1000));
  return {"--time-limit-ms", std::to_string(std::max<std::int64_t>(1, ms))};
}

std::string last_lines(const std::deque<std::string>& tail) {
  std::string out;
  for (const std::string& line : tail) {
    if (line.empty()) continue;
    out += out.empty() ? "" : " | ";
    out += line;
  }
  return out.empty() ? "(no output)" : out;
}

bool mentions(const std::deque<std::string>& tail, std::string_view needle) {
  for (const std::string& line : tail) {
    if (line.find(needle) != std::string::npos) return true;
  }
  return false;
}

// Why a runner did not deliver every trial, in one line, with the remedy when one is known.
std::optional<std::string> runner_failure(const ChildOutcome& outcome, const RunnerStream& stream,
                                          const CellPlan& plan) {
  if (outcome.spawn_error) return *outcome.spawn_error;
  const std::string progress =
      " after " + std::to_string(stream.trials_seen()) + " of " + std::to_string(plan.trials) + " trials";
  if (mentions(stream.tail(), "unexpected memory mapping") ||
      mentions(stream.tail(), "failed to mmap the shadow")) {
    return "the TSan runtime could not start on this kernel (" + last_lines(stream.tail()) +
           "); remedies: run under `setarch $(uname -m) -R`, or `sysctl vm.mmap_rnd_bits=28`";
  }
  if (mentions(stream.tail(), "failed to read suppressions file")) {
    return "the TSan runtime could not read its suppressions file: " + last_lines(stream.tail());
  }
  if (stream.error()) return "runner protocol error" + progress + ": " + *stream.error();
  if (outcome.signal) {
    return "runner killed by " + signal_name(*outcome.signal) + progress + "; last output: " +
           last_lines(stream.tail());
  }
  if (!stream.ended()) {
    return "runner exited with status " + std::to_string(outcome.exit_code.value_or(-1)) +
           progress + "; last output: " + last_lines(stream.tail());
  }
  // 66 is what the TSan runtime exits with after printing any report; the reports themselves,
  // not this status, decide whether there was a race.
  const bool tsan_report_status = plan.variant == Variant::tsan && outcome.exit_code == 66;
  if (outcome.exit_code != 0 && !tsan_report_status) {
    return "runner exited with status " + std::to_string(outcome.exit_code.value_or(-1)) +
           " after its last trial; last output: " + last_lines(stream.tail());
  }
  return std::nullopt;
}

}  // namespace

std::string runner_path(const std::string& driver_path, Variant variant) {
  return driver_path + "-" + std::string(to_string(variant));
}

CellResult run_cell(const CellPlan& plan, const CellSettings& settings) {
  CellResult cell;
  cell.case_name = plan.test_case->name;
  cell.description = plan.test_case->description;
  cell.expect = plan.test_case->expect;
  cell.variant = plan.variant;
  cell.threads = plan.threads;
  cell.iterations = plan.iterations;
  cell.trials_requested = plan.trials;
  cell.expected_count = plan.threads * plan.iterations;

  CellTally tally(cell.expected_count, settings.source_root);
  std::optional<StopReason> stopped;
  pid_t runner = -1;
  RunnerStream stream([&](TrialEvent trial) {
    if (stopped) return;
    tally.add_trial(trial);
    stopped = should_stop(settings.stopping, tally, cell.expect, cell.variant);
    if (stopped && runner > 0) kill(runner, protocol::kStopSignal);
  });
  std::vector<std::string> arguments = runner_arguments(plan, settings);
  for (std::string& arg : time_limit_arguments(settings)) arguments.push_back(std::move(arg));
  ChildOutcome outcome = run_child(
      arguments, [&](std::string_view bytes) { stream.feed(bytes); },
      [&](pid_t pid) { runner = pid; });
  stream.finish();
  tally.add_reports_outside_trials(stream.reports_outside_trials());
  tally.fill(cell);
  cell.pin = stream.pin();
  cell.worker_cpus = stream.worker_cpus();
  cell.wall_seconds = outcome.wall_seconds;
  cell.error = runner_failure(outcome, stream, plan);
  if (stopped) {
    cell.stopped_by = *stopped;
  } else if (settings.time_limit_seconds && !cell.error && cell.trials < plan.trials) {
    cell.stopped_by = StopReason::duration;
  }
  cell.interval_alpha = interval_alpha(settings.stopping, cell.trials);
  set_intervals(cell);
  return cell;
}

}  // namespace lockstress
