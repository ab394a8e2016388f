#include "harness/runtime/model_trials.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "harness/base/exit_codes.hpp"
#include "harness/protocol/protocol.hpp"
#include "harness/runtime/case_exception.hpp"
#include "harness/runtime/progress_beacon.hpp"
#include "harness/runtime/record_writer.hpp"
#include "harness/runtime/stop_request.hpp"
#include "harness/protocol/trial_seed.hpp"
#include "sanitizers/model/model.hpp"
#include "sanitizers/model/report_text.hpp"

namespace lockstress {
namespace {

template <class Code>
decltype(auto) case_code(std::int64_t index, std::uint64_t run_seed, Code&& code) {
  try {
    return code();
  } catch (...) {
    exit_with_case_exception(index, trial_seed(run_seed, index));
  }
}

model::ScheduleResult schedule(Workload& workload, const model::Options& options,
                               const RunnerArgs& args, std::int64_t index) {
  // An exception out of the case's code ends the runner, as in the other runners: a schedule's
  // thread cannot unwind past the model's thread start.
  return model::run_schedule(options, args.threads, [&](int thread) {
    case_code(index, args.seed, [&] { workload.run(thread, args.iterations); });
  });
}

// PCT's k: the steps of one random-walk schedule, from a seed fixed by the run's, so that a
// runner restarted at a later trial measures the same k (each trial's replay key holds it).
std::int64_t measure_steps(Workload& workload, const RunnerArgs& args) {
  model::Options options;
  options.strategy = model::Strategy::random;
  options.seed = trial_seed(args.seed, -1);
  options.keep_events = false;
  case_code(args.first_trial, args.seed, [&] { workload.reset(); });
  const model::ScheduleResult result = schedule(workload, options, args, args.first_trial);
  return std::max<std::int64_t>(1, result.steps);
}

// A schedule that could not finish (deadlock, livelock, a call the model cannot control) leaves
// its threads parked and its count meaningless: it ends the runner like a case that threw,
// naming what stopped it and its replay key; the driver records the trial and restarts the
// runner after it.
[[noreturn]] void exit_with_unfinished(const model::ScheduleResult& result, std::int64_t index,
                                       std::uint64_t seed) {
  std::string what = result.deadlock   ? "the model: deadlock"
                     : result.livelock ? "the model: livelock (step limit)"
                                       : "the model: " + result.error;
  for (const model::BlockedThread& thread : result.blocked) {
    what += "; T" + std::to_string(thread.thread) + " waits in " + thread.call;
  }
  what += " (schedule " + model::replay_key(result.options) + ")";
  std::fputs(model::blocked_text(result).c_str(), stderr);
  write_exception_record(index, seed, what);
  ::_exit(protocol::kCaseThrewStatus);
}

}  // namespace

void run_model_trials(const Case& test_case, const RunnerArgs& args) {
  if (args.perturb != Perturb::none) {
    std::fprintf(stderr, "runner: --perturb means nothing to the model, which picks every switch "
                         "itself\n");
    ::_exit(kExitUsage);
  }
  std::unique_ptr<Workload> workload =
      case_code(args.first_trial, args.seed, [&] { return test_case.make_workload(args.threads); });
  // The model's threads are not pinned, whatever --pin says: one runs at a time.
  write_placement_record(to_string(Pin::none), std::vector<int>(args.threads, -1));
  model::Options options;
  options.keep_events = false;
  options.pct_steps = measure_steps(*workload, args);
  ProgressBeacon beacon(args.progress_fd, *workload);
  install_stop_request_handler();
  const auto first_start = std::chrono::steady_clock::now();
  const auto time_limit = std::chrono::milliseconds(args.time_limit_ms);
  std::int64_t done = 0;
  for (std::int64_t index = args.first_trial; index < args.first_trial + args.trials; ++index) {
    if (stop_requested()) break;
    options.seed = trial_seed(args.seed, index);
    case_code(index, args.seed, [&] { workload->reset(); });
    const auto start = std::chrono::steady_clock::now();
    if (args.time_limit_ms > 0 && done > 0 && start - first_start >= time_limit) break;
    const model::ScheduleResult result = schedule(*workload, options, args, index);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    if (!result.completed()) exit_with_unfinished(result, index, options.seed);
    // Printed as TSan prints its reports, which the driver parses, counts and deduplicates.
    for (const model::RaceReport& race : result.races) {
      const std::string text = "==================\n" + model::race_text(race, result) +
                               "==================\n";
      std::fputs(text.c_str(), stderr);
    }
    write_trial_record(TrialRecord{
        .index = index,
        .seed = options.seed,
        .count = case_code(index, args.seed, [&] { return workload->count(); }),
        .nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count(),
        .runtime_reports = static_cast<int>(result.races.size()),
        .acquisitions = workload->acquisitions(),
        .overlap_ns = std::nullopt,
        .torn_reads = case_code(index, args.seed, [&] { return workload->torn_reads(); }),
    });
    ++done;
  }
  write_end_record(done);
}

}  // namespace lockstress
