// lockstress::main as the runner of one variant: runs the trials the driver asked for and
// streams one record per trial back on stderr (see harness/protocol/protocol.hpp).

#include <signal.h>
#include <sys/prctl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "cases/with_control.hpp"
#include "harness/base/exit_codes.hpp"
#include "harness/protocol/protocol.hpp"
#include "harness/protocol/trial_seed.hpp"
#include "harness/runtime/case_exception.hpp"
#include "harness/runtime/loaded_objects.hpp"
#include "harness/runtime/model_trials.hpp"
#include "harness/runtime/perturbation_plan.hpp"
#include "harness/runtime/placement.hpp"
#include "harness/runtime/progress_beacon.hpp"
#include "harness/runtime/record_writer.hpp"
#include "harness/runtime/runner_args.hpp"
#include "harness/runtime/sanitizer_reports.hpp"
#include "harness/runtime/stop_request.hpp"
#include "harness/runtime/sync_probe.hpp"
#include "harness/runtime/worker_pool.hpp"
#include "harness/runtime/worker_span.hpp"
#include "lockstress/lockstress.hpp"

namespace lockstress {
namespace {

// lockstress::runtime_model's build of this file: each trial is a schedule of the model's.
#ifdef LOCKSTRESS_MODEL_RUNNER
constexpr bool kModelRunner = true;
#else
constexpr bool kModelRunner = false;
#endif

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

// What every worker runs in a trial. Plain functions, not lambdas: their frames appear in every
// TSan report of the trial, and short frames keep reports cheap to print. Each catches what the
// case throws in its own frame (see case_code), adding none.
struct TrialJob {
  Workload* workload;
  std::int64_t iterations;
  std::uint64_t run_seed;
  std::vector<Perturbation> perturbations;  // one per worker; used with --perturb only
  std::vector<WorkerSpan> spans;            // one per worker: when it ran the workload
  std::int64_t start_stagger_ns;
  // The trial running now. It changes only between rounds, which the pool's start and finish
  // lines order; the workers read it only when the case throws. On a line of its own: worker 0
  // writes it every trial, and the fields above are every worker's to read in every round.
  alignas(64) std::int64_t index;
};

[[noreturn]] void exit_with_exception_in(const TrialJob& trial) {
  exit_with_case_exception(trial.index, trial_seed(trial.run_seed, trial.index));
}

void run_job(void* context, int worker) {
  TrialJob& trial = *static_cast<TrialJob*>(context);
  WorkerSpan& span = trial.spans[static_cast<std::size_t>(worker)];
  span.start_ns = steady_now_ns();
  try {
    trial.workload->run(worker, trial.iterations);
  } catch (...) {
    exit_with_exception_in(trial);
  }
  span.end_ns = steady_now_ns();
}

// The job with a start stagger (--start-stagger-ns, which the driver passes for a TSan variant:
// DetectorInfo::start_stagger_ns says why): worker w starts w x the stagger after the release.
void run_staggered_job(void* context, int worker) {
  TrialJob& trial = *static_cast<TrialJob*>(context);
  spin_for_ns(worker * trial.start_stagger_ns);
  WorkerSpan& span = trial.spans[static_cast<std::size_t>(worker)];
  span.start_ns = steady_now_ns();
  try {
    trial.workload->run(worker, trial.iterations);  // not run_job(): one frame fewer per report
  } catch (...) {
    exit_with_exception_in(trial);
  }
  span.end_ns = steady_now_ns();
}

void run_perturbed_job(void* context, int worker) {
  TrialJob& trial = *static_cast<TrialJob*>(context);
  Perturbation& perturbation = trial.perturbations[static_cast<std::size_t>(worker)];
  perturbation.start();
  WorkerSpan& span = trial.spans[static_cast<std::size_t>(worker)];
  span.start_ns = steady_now_ns();
  try {
    trial.workload->run_perturbed(worker, trial.iterations, perturbation);
  } catch (...) {
    exit_with_exception_in(trial);
  }
  span.end_ns = steady_now_ns();
}

// Not the model runner's loop (see kModelRunner), where it is compiled but never called.
[[maybe_unused]] void run_trials(const Case& test_case, const RunnerArgs& args) {
  std::unique_ptr<Workload> workload =
      case_code(args.first_trial, args.seed, [&] { return test_case.make_workload(args.threads); });
  // Before any other thread of the runner starts: the probe counts what this thread alone does.
  if (args.probe_sync) {
    if (std::optional<SyncProbe> probe =
            case_code(args.first_trial, args.seed, [&] { return probe_sync(*workload); })) {
      write_sync_records(*probe);
    }
  }
  const std::vector<int> cpus = allowed_cpus();
  WorkerPool pool(
      plan_placement(args.pin, args.threads, cpus),
      wait_policy(args.start, args.threads, std::max<int>(1, static_cast<int>(cpus.size()))));
  write_placement_record(to_string(args.pin), pool.pinned_cpus());
  ProgressBeacon beacon(args.progress_fd, *workload);
  TrialJob trial{workload.get(),
                 args.iterations,
                 args.seed,
                 std::vector<Perturbation>(static_cast<std::size_t>(args.threads)),
                 std::vector<WorkerSpan>(static_cast<std::size_t>(args.threads)),
                 args.start_stagger_ns,
                 args.first_trial};
  // Without --perturb the job is the bare workload: nothing of the perturbation runs.
  const WorkerPool::JobFunction plain_job =
      args.start_stagger_ns > 0 ? &run_staggered_job : &run_job;
  const WorkerPool::JobFunction job =
      args.perturb == Perturb::none ? plain_job : &run_perturbed_job;
  install_stop_request_handler();
  take_sanitizer_report_counts();  // start-up reports are not any trial's
  const auto first_start = std::chrono::steady_clock::now();
  const auto time_limit = std::chrono::milliseconds(args.time_limit_ms);
  std::int64_t done = 0;
  for (std::int64_t& index = trial.index; index < args.first_trial + args.trials; ++index) {
    if (stop_requested()) break;
    const std::uint64_t seed = trial_seed(args.seed, index);
    if (args.perturb != Perturb::none) {
      for (int worker = 0; worker < args.threads; ++worker) {
        trial.perturbations[static_cast<std::size_t>(worker)] =
            plan_perturbation(args.perturb, seed, worker);
      }
    }
    case_code(index, args.seed, [&] { workload->reset(); });
    auto start = std::chrono::steady_clock::now();
    if (args.time_limit_ms > 0 && done > 0 && start - first_start >= time_limit) break;
    pool.run_round(job, &trial);
    auto elapsed = std::chrono::steady_clock::now() - start;
    const SanitizerReportCounts reports = take_sanitizer_report_counts();
    write_trial_record(TrialRecord{
        .index = index,
        .seed = seed,
        .count = case_code(index, args.seed, [&] { return workload->count(); }),
        .nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count(),
        .runtime_reports = reports.printed,
        .dropped_reports = reports.dropped,
        .acquisitions = workload->acquisitions(),
        .overlap_ns = overlap_ns(trial.spans),
        .torn_reads = case_code(index, args.seed, [&] { return workload->torn_reads(); }),
    });
    ++done;
  }
  write_end_record(done);
}

}  // namespace

int main(int argc, char** argv, std::vector<Case> cases) {
  // The driver runs each runner in a process group of its own, which a Ctrl-C at the terminal
  // does not reach: if the driver dies, so must its runner, even one stuck in a hung trial.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  cases = with_control(std::move(cases));
  // lockstress_add_runner's build-time check: what of the runner TSan cannot see into.
  if (argc == 3 && argv[1] == protocol::kRunnerCommand &&
      argv[2] == protocol::kUninstrumentedImports) {
    for (const BoundCall& call : uninstrumented_imports()) {
      std::printf("%s\t%s\n", call.object.c_str(), call.function.c_str());
    }
    return 0;
  }
  Result<RunnerArgs> args = parse_runner_args(argc, argv);
  if (!args) {
    std::fprintf(stderr, "%s\n", args.error().message.c_str());
    return kExitUsage;
  }
  if (args->record_ring_fd >= 0) use_record_ring(args->record_ring_fd);
  const Case* test_case = find_case(cases, args->case_name);
  if (test_case == nullptr) {
    std::fprintf(stderr, "runner: no case named '%s'\n", args->case_name.c_str());
    return kExitUsage;
  }
  if (!kModelRunner && !args->replay_key.empty()) {
    std::fprintf(stderr,
                 "runner: --replay replays a schedule of the model's, in the model's runner\n");
    return kExitUsage;
  }
  if constexpr (kModelRunner) {
    if (!args->replay_key.empty()) return run_model_replay(*test_case, *args);
    run_model_trials(*test_case, *args);  // outside a discarded statement: linked only there
  } else {
    run_trials(*test_case, *args);
  }
  return 0;
}

}  // namespace lockstress
