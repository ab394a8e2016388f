// Microbenchmarks of lockstress's per-trial machinery (Google Benchmark). Timings only, for
// comparing start-line modes and finding where a trial's time goes; never assertions.

#include <benchmark/benchmark.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cases/unsafe_counter.hpp"
#include "harness/ingest/runner_stream.hpp"
#include "harness/runtime/placement.hpp"
#include "harness/runtime/worker_pool.hpp"
#include "harness/analysis/cell_tally.hpp"
#include "lockstress/workload.hpp"

namespace lockstress {
namespace {

// The pool pins its caller as worker 0; give the benchmark thread all CPUs back afterwards.
struct RestoreAffinity {
  std::vector<int> cpus = allowed_cpus();
  ~RestoreAffinity() {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (int cpu : cpus) CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
  }
};

// One release and one finish line with nothing between them: the start line's own cost.
void BM_StartLine(benchmark::State& state) {
  RestoreAffinity restore;
  const StartLine start = kAllStartLines[state.range(0)];
  const int threads = static_cast<int>(state.range(1));
  WorkerPool pool(plan_placement(Pin::spread, threads, restore.cpus),
                  wait_policy(start, threads, static_cast<int>(restore.cpus.size())));
  const std::function<void(int)> job = [](int) {};
  for (auto _ : state) pool.run_round(job);
  state.SetLabel(std::string(to_string(start)) + ", " + std::to_string(threads) + " threads");
}
BENCHMARK(BM_StartLine)->ArgsProduct({{0, 1, 2}, {2, 5}})->UseRealTime();

// A whole unsafe_counter trial as the runner runs it (reset, release, increments, finish,
// count), 2 threads; at 1 iteration it is the per-trial overhead.
void BM_Trial(benchmark::State& state) {
  RestoreAffinity restore;
  const std::int64_t iterations = state.range(0);
  std::unique_ptr<Workload> workload = unsafe_counter_case().make_workload(2);
  WorkerPool pool(plan_placement(Pin::spread, 2, restore.cpus),
                  wait_policy(StartLine::hybrid, 2, static_cast<int>(restore.cpus.size())));
  const std::function<void(int)> job = [&](int worker) { workload->run(worker, iterations); };
  std::int64_t failed = 0;
  for (auto _ : state) {
    workload->reset();
    pool.run_round(job);
    failed += workload->count() != 2 * iterations;
  }
  state.counters["failed"] =
      benchmark::Counter(static_cast<double>(failed), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_Trial)->Arg(1)->Arg(1000)->UseRealTime();

// The naive loop's trial: spawn two threads, join them (the same increments as BM_Trial).
void BM_SpawnJoinTrial(benchmark::State& state) {
  const std::int64_t iterations = state.range(0);
  std::unique_ptr<Workload> workload = unsafe_counter_case().make_workload(2);
  std::int64_t failed = 0;
  for (auto _ : state) {
    workload->reset();
    std::thread a([&] { workload->run(0, iterations); });
    std::thread b([&] { workload->run(1, iterations); });
    a.join();
    b.join();
    failed += workload->count() != 2 * iterations;
  }
  state.counters["failed"] =
      benchmark::Counter(static_cast<double>(failed), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_SpawnJoinTrial)->Arg(1)->Arg(1000)->UseRealTime();

// The driver's share of a trial: parse its record and fold it into the cell's tally.
void BM_DriverIngest(benchmark::State& state) {
  CellTally tally(2000, "");
  RunnerStream stream([&](TrialEvent trial) { tally.add_trial(trial); });
  std::int64_t index = 0;
  for (auto _ : state) {
    const std::string line = "@lockstress/1 trial index=" + std::to_string(index) +
                             " seed=1234567890123 count=" + std::to_string(1000 + index % 1000) +
                             " ns=2500 reports=0\n";
    ++index;
    stream.feed(line);
  }
  benchmark::DoNotOptimize(tally.trials());
}
BENCHMARK(BM_DriverIngest);

}  // namespace
}  // namespace lockstress

BENCHMARK_MAIN();
