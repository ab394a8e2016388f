// lockstress::main as the runner of one variant: runs the trials the driver asked for and
// streams one record per trial back on stderr (see harness/protocol.hpp).

#include <signal.h>
#include <sys/prctl.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

#include "harness/runtime/case_exception.hpp"
#include "harness/runtime/placement.hpp"
#include "harness/runtime/progress_beacon.hpp"
#include "harness/runtime/record_writer.hpp"
#include "harness/runtime/runner_args.hpp"
#include "harness/runtime/sanitizer_reports.hpp"
#include "harness/runtime/worker_pool.hpp"
#include "harness/trial_seed.hpp"
#include "harness/with_control.hpp"
#include "lockstress/lockstress.hpp"

namespace lockstress {
namespace {

const Case* find_case(const std::vector<Case>& cases, const std::string& name) {
  for (const Case& c : cases) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

// Runs `code`, the case's own code, in trial `index`: an exception out of it ends the runner with
// an exception record (see exit_with_case_exception).
template <class Code>
decltype(auto) case_code(std::int64_t index, std::uint64_t run_seed, Code&& code) {
  try {
    return code();
  } catch (...) {
    exit_with_case_exception(index, trial_seed(run_seed, index));
  }
}

void run_trials(const Case& test_case, const RunnerArgs& args) {
  // The trial running now. The workers read it during a round; it changes only between rounds,
  // which the pool's start and finish lines order.
  std::int64_t index = args.first_trial;
  std::unique_ptr<Workload> workload =
      case_code(index, args.seed, [&] { return test_case.make_workload(args.threads); });
  WorkerPool pool(plan_placement(args.pin, args.threads, allowed_cpus()));
  write_placement_record(to_string(args.pin), pool.pinned_cpus());
  ProgressBeacon beacon(args.progress_fd, *workload);
  const std::function<void(int)> job = [&](int worker) {
    case_code(index, args.seed, [&] { workload->run(worker, args.iterations); });
  };
  take_sanitizer_report_count();  // start-up reports are not any trial's
  for (; index < args.first_trial + args.trials; ++index) {
    case_code(index, args.seed, [&] { workload->reset(); });
    auto start = std::chrono::steady_clock::now();
    pool.run_round(job);
    auto elapsed = std::chrono::steady_clock::now() - start;
    write_trial_record(TrialRecord{
        .index = index,
        .seed = trial_seed(args.seed, index),
        .count = case_code(index, args.seed, [&] { return workload->count(); }),
        .nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count(),
        .sanitizer_reports = take_sanitizer_report_count(),
        .acquisitions = workload->acquisitions(),
    });
  }
  write_end_record(args.trials);
}

}  // namespace

int main(int argc, char** argv, std::vector<Case> cases) {
  // The driver runs each runner in a process group of its own, which a Ctrl-C at the terminal
  // does not reach: if the driver dies, so must its runner, even one stuck in a hung trial.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  cases = with_control(std::move(cases));
  std::string error;
  std::optional<RunnerArgs> args = parse_runner_args(argc, argv, error);
  if (!args) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 2;
  }
  const Case* test_case = find_case(cases, args->case_name);
  if (test_case == nullptr) {
    std::fprintf(stderr, "runner: no case named '%s'\n", args->case_name.c_str());
    return 2;
  }
  run_trials(*test_case, *args);
  return 0;
}

}  // namespace lockstress
