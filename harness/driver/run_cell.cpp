#include "harness/driver/run_cell.hpp"

#include "harness/driver/child_process.hpp"
#include "harness/ingest/runner_stream.hpp"
#include "harness/protocol.hpp"
#include "harness/stats/cell_tally.hpp"

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
          std::to_string(plan.first_trial),
          "--trials",
          std::to_string(plan.trials),
          "--seed",
          std::to_string(settings.seed),
          "--pin",
          std::string(to_string(settings.pin))};
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
  RunnerStream stream([&](TrialEvent trial) {
    add_trial_index(cell.trial_ranges, settings.seed, trial.index);
    tally.add_trial(trial);
    if (settings.on_trial) settings.on_trial(trial);
  });
  ChildOutcome outcome = run_child(runner_arguments(plan, settings),
                                   [&](std::string_view bytes) { stream.feed(bytes); });
  stream.finish();
  tally.add_reports_outside_trials(stream.reports_outside_trials());
  tally.fill(cell);
  cell.pin = stream.pin();
  cell.worker_cpus = stream.worker_cpus();
  cell.wall_seconds = outcome.wall_seconds;
  cell.error = runner_failure(outcome, stream, plan);
  return cell;
}

}  // namespace lockstress
