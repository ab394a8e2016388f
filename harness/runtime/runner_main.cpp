// lockstress::main as the runner of one variant: runs the trials the driver asked for and
// streams one record per trial back on stderr (see harness/protocol.hpp).

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

#include "harness/runtime/placement.hpp"
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

void run_trials(const Case& test_case, const RunnerArgs& args) {
  std::unique_ptr<Workload> workload = test_case.make_workload(args.threads);
  WorkerPool pool(plan_placement(args.pin, args.threads, allowed_cpus()));
  write_placement_record(to_string(args.pin), pool.pinned_cpus());
  const std::function<void(int)> job = [&](int worker) { workload->run(worker, args.iterations); };
  take_sanitizer_report_count();  // start-up reports are not any trial's
  for (std::int64_t index = args.first_trial; index < args.first_trial + args.trials; ++index) {
    workload->reset();
    auto start = std::chrono::steady_clock::now();
    pool.run_round(job);
    auto elapsed = std::chrono::steady_clock::now() - start;
    write_trial_record(TrialRecord{
        .index = index,
        .seed = trial_seed(args.seed, index),
        .count = workload->count(),
        .nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count(),
        .sanitizer_reports = take_sanitizer_report_count(),
        .acquisitions = workload->acquisitions(),
    });
  }
  write_end_record(args.trials);
}

}  // namespace

int main(int argc, char** argv, std::vector<Case> cases) {
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
