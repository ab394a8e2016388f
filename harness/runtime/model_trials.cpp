#include "harness/runtime/model_trials.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "harness/base/exit_codes.hpp"
#include "harness/protocol/protocol.hpp"
#include "harness/protocol/trial_seed.hpp"
#include "harness/runtime/case_exception.hpp"
#include "harness/runtime/progress_beacon.hpp"
#include "harness/runtime/record_writer.hpp"
#include "harness/runtime/stop_request.hpp"
#include "sanitizers/model/model.hpp"
#include "sanitizers/model/report_text.hpp"

namespace lockstress {
namespace {

// The threads of deadlocked schedules stay parked for the process's life (model.hpp): past this
// many the runner ends after its trial and the driver starts another (protocol.hpp, restart=1).
constexpr int kMaxParkedThreads = 256;

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
    case_code(index, args.seed, [&] { workload.run_modelled(thread, args.iterations); });
  });
}

// What every schedule of the runner shares. A schedule of a lock takes about 5 steps an iteration
// a thread (bench/README.md, "The model variant"): sizes given on the command line must not make
// a long schedule a livelock.
model::Options base_options(const RunnerArgs& args) {
  model::Options options;
  options.keep_events = false;
  const std::int64_t per_iteration = 100 * std::int64_t{args.threads};
  if (args.iterations > INT64_MAX / per_iteration) {
    options.step_limit = INT64_MAX;
  } else {
    options.step_limit = std::max(options.step_limit, per_iteration * args.iterations);
  }
  return options;
}

// PCT's k: the steps of one schedule, from a seed fixed by the run's, so that a runner restarted
// at a later trial measures the same k (each trial's replay key holds it). A PCT schedule, not a
// random walk: the walk hands the CPU over at nearly every step, each hand-off a switch of real
// threads (tens of microseconds), and at sizes given on the command line (2 x 20,000) it took
// tens of seconds where a PCT schedule, with a hand-off or two, takes milliseconds.
std::int64_t measure_steps(Workload& workload, const RunnerArgs& args) {
  model::Options options = base_options(args);
  options.seed = trial_seed(args.seed, -1);
  case_code(args.first_trial, args.seed, [&] { workload.reset(); });
  const model::ScheduleResult result = schedule(workload, options, args, args.first_trial);
  return std::max<std::int64_t>(1, result.steps);
}

// A schedule that could not finish for want of control (a livelock, a call the model cannot
// control) leaves its count meaningless: it ends the runner like a case that threw, naming what
// stopped it and its replay key; the driver records the trial and restarts the runner after it.
[[noreturn]] void exit_with_unfinished(const model::ScheduleResult& result, std::int64_t index,
                                       std::uint64_t seed) {
  std::string what =
      result.livelock ? "the model: livelock (step limit)" : "the model: " + result.error;
  for (const model::BlockedThread& thread : result.blocked) {
    what += "; T" + std::to_string(thread.thread) + " waits in " + thread.call;
  }
  what += " (schedule " + model::replay_key(result.options) + ")";
  std::fputs(model::blocked_text(result).c_str(), stderr);
  write_exception_record(index, seed, what);
  ::_exit(protocol::kCaseThrewStatus);
}

// Printed as TSan prints its reports, which the driver parses, counts and deduplicates: one per
// racy address, as the TSan runner keeps one per address and trial (suppress_equal_addresses),
// so that the read and the write of one `+= 1` racing with another thread's are one report; and
// a deadlock, with each thread's blocked call. Returns how many it printed.
int print_reports(const model::ScheduleResult& result) {
  std::vector<std::uintptr_t> addresses;
  std::string text;
  int reports = 0;
  for (const model::RaceReport& race : result.races) {
    const std::uintptr_t address = race.current.address;
    if (std::find(addresses.begin(), addresses.end(), address) != addresses.end()) continue;
    addresses.push_back(address);
    text += "==================\n" + model::race_text(race, result) + "==================\n";
    ++reports;
  }
  if (result.deadlock) {
    text += "==================\n" + model::deadlock_text(result) + "==================\n";
    ++reports;
  }
  std::fputs(text.c_str(), stderr);
  return reports;
}

// What the trial record says of the schedule: what replays it, and how it went.
ModelScheduleFields schedule_fields(const model::ScheduleResult& result) {
  return ModelScheduleFields{
      .replay_key = model::replay_key(result.options),
      .steps = result.steps,
      .switches = result.switches,
      .fallbacks = result.fallbacks,
      .trace_hash = result.trace_hash,
      .choices = result.choices.size() <= ModelScheduleFields::kMaxChoiceChars ? result.choices
                                                                               : std::string(),
  };
}

// The replayed schedule: from its choices when given, else (or when they no longer fit the
// program's switch points) from its seed, which draws the same schedule as long as the program
// makes the same switch points (docs/model.md, "Replay").
model::ScheduleResult replay_schedule(Workload& workload, model::Options options,
                                      const RunnerArgs& args) {
  case_code(args.first_trial, args.seed, [&] { workload.reset(); });
  model::ScheduleResult result = schedule(workload, options, args, args.first_trial);
  if (!result.replay_diverged) return result;
  std::printf(
      "the recorded choices do not fit this build's switch points: replaying from the "
      "seed instead\n");
  options.replay_choices.clear();
  case_code(args.first_trial, args.seed, [&] { workload.reset(); });
  return schedule(workload, options, args, args.first_trial);
}

}  // namespace

int run_model_replay(const Case& test_case, const RunnerArgs& args) {
  const std::optional<model::Options> key = model::parse_replay_key(args.replay_key);
  if (!key) {
    std::fprintf(stderr, "runner: --replay: '%s' is no replay key (strategy/memory/dD/kK/sSEED)\n",
                 args.replay_key.c_str());
    return kExitUsage;
  }
  model::Options options = base_options(args);
  options.seed = key->seed;
  options.strategy = key->strategy;
  options.memory = key->memory;
  options.pct_depth = key->pct_depth;
  options.pct_steps = key->pct_steps;
  options.replay_choices = args.replay_choices;
  options.keep_events = true;
  std::unique_ptr<Workload> workload =
      case_code(args.first_trial, args.seed, [&] { return test_case.make_workload(args.threads); });
  // As in run_model_trials, whose first schedule measures k: what the case's code does once per
  // process (a static's first use) it has done before the schedule replayed, as before the one
  // recorded.
  (void)measure_steps(*workload, args);
  model::ScheduleResult result = replay_schedule(*workload, options, args);
  // The table, then what went wrong at its end: a deadlock (in counterexample_text), lost
  // updates or torn reads, then each race with both accesses' stacks.
  std::string text = model::counterexample_text(result);
  const std::int64_t expected = std::int64_t{args.threads} * args.iterations;
  const std::int64_t count =
      case_code(args.first_trial, args.seed, [&] { return workload->count(); });
  const std::int64_t torn =
      case_code(args.first_trial, args.seed, [&] { return workload->torn_reads(); });
  if (!result.deadlock && result.completed()) {
    text += "count " + std::to_string(count) + " of " + std::to_string(expected) +
            (count == expected ? ": no update lost"
                               : ": " + std::to_string(expected - count) +
                                     (expected - count == 1 ? " update lost" : " updates lost")) +
            "\n";
  }
  if (torn > 0) text += std::to_string(torn) + (torn == 1 ? " torn read\n" : " torn reads\n");
  std::vector<std::uintptr_t> addresses;  // one race per address, as the trials print them
  for (const model::RaceReport& race : result.races) {
    if (std::find(addresses.begin(), addresses.end(), race.current.address) != addresses.end()) {
      continue;
    }
    addresses.push_back(race.current.address);
    text += model::race_text(race, result);
  }
  const std::string hash = model::hex(result.trace_hash);
  text += "trace hash " + hash;
  int status = kExitPass;
  if (args.expect_hash && *args.expect_hash == result.trace_hash) {
    text += ": the recorded one\n";
  } else if (args.expect_hash) {
    text += ": NOT the recorded " + model::hex(*args.expect_hash) +
            " (the program, its build or the model changed since the schedule was recorded)\n";
    status = kExitReplayMismatch;
  } else {
    text += "\n";
  }
  std::fputs(text.c_str(), stdout);
  std::fflush(stdout);
  return status;
}

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
  model::Options options = base_options(args);
  options.pct_steps = measure_steps(*workload, args);
  // What a clean cell's bound is computed from (harness/stats/pct_bound.hpp).
  write_model_record(model::to_string(options.strategy), model::to_string(options.memory),
                     args.threads, options.pct_steps, options.pct_depth);
  ProgressBeacon beacon(args.progress_fd, *workload);
  install_stop_request_handler();
  const auto first_start = std::chrono::steady_clock::now();
  const auto time_limit = std::chrono::milliseconds(args.time_limit_ms);
  const std::int64_t end = args.first_trial + args.trials;
  std::int64_t done = 0;
  for (std::int64_t index = args.first_trial; index < end; ++index) {
    if (stop_requested()) break;
    options.seed = trial_seed(args.seed, index);
    case_code(index, args.seed, [&] { workload->reset(); });
    const auto start = std::chrono::steady_clock::now();
    if (args.time_limit_ms > 0 && done > 0 && start - first_start >= time_limit) break;
    const model::ScheduleResult result = schedule(*workload, options, args, index);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    if (!result.completed() && !result.deadlock) exit_with_unfinished(result, index, options.seed);
    const int reports = print_reports(result);
    write_trial_record(TrialRecord{
        .index = index,
        .seed = options.seed,
        .count = case_code(index, args.seed, [&] { return workload->count(); }),
        .nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count(),
        .runtime_reports = reports,
        // None: who took the lock how often is the strategy's choice, not the lock's fairness.
        .acquisitions = {},
        .overlap_ns = std::nullopt,
        .torn_reads = case_code(index, args.seed, [&] { return workload->torn_reads(); }),
        .deadlock = result.deadlock,
        .model = schedule_fields(result),
    });
    ++done;
    if (model::parked_threads() >= kMaxParkedThreads && index + 1 < end) {
      write_end_record(done, true);
      return;
    }
  }
  write_end_record(done);
}

}  // namespace lockstress
