#pragma once

#include <pthread.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "harness/runtime/spin_then_wait.hpp"

namespace lockstress {

// Runs one job on `threads` threads at once, again and again, on threads created once.
// The calling thread is worker 0, so no thread sits idle coordinating while the others work.
//
// Each round has a start line in two phases (docs/start-line.md says why):
//   1. the release: worker 0 bumps the round; workers waiting for it spin, or sleep on a futex,
//      as `wait` says (see StartLine), and a sleeper is woken;
//   2. the check-in: every worker, worker 0 included, counts itself in and spins (yielding now
//      and then) until all have; only then does any of them begin the job.
// Waking a sleeping thread takes tens of microseconds on a VM (longer than many whole trials), so
// without phase 2 a worker that had fallen asleep began when the others had already finished.
// Phase 2 never blocks: once released, every worker is awake or about to be, and a thread that
// slept here would have to be woken again. At the finish line worker 0 waits as `wait` says.
//
// Jobs are plain functions and helpers are bare pthreads, not std::function and std::thread:
// every frame between a thread's start and the workload appears in each TSan report of the
// trial, and printing those frames is most of what a report costs.
class WorkerPool {
 public:
  using JobFunction = void (*)(void* context, int worker);

  // One worker per entry of `cpus`: the CPU to pin it to, or -1 to leave it to the scheduler.
  // Returns once every worker is running and placed; throws std::runtime_error when a thread
  // cannot be started, once the ones it started have ended.
  explicit WorkerPool(const std::vector<int>& cpus, WaitPolicy wait = {});
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs function(context, worker) on every worker, all released together; returns once every
  // one returned.
  void run_round(JobFunction function, void* context);
  // The same for any callable (tests, benchmarks): one more frame in every report.
  void run_round(const std::function<void(int worker)>& job);

  // Check-ins since the pool started (every worker, once per round): for tests.
  std::uint64_t checked_in() const { return arrivals_.load(std::memory_order_acquire); }

  // The CPU each worker was pinned to; -1 where it was not asked to be, or the OS refused.
  const std::vector<int>& pinned_cpus() const { return pinned_; }

 private:
  struct Helper {
    WorkerPool* pool;
    int worker;
    int cpu;
    pthread_t thread;
  };
  static void* helper_main(void* helper);
  void place(int worker, int cpu);
  void worker_main(int worker, int cpu);
  // Releases every helper into a last round in which it returns, and joins it.
  void stop_helpers();
  // Phase 2 of round `round` (counted from 1): returns once every worker has checked in.
  void check_in(std::uint64_t round);

  // What every worker reads in every round, written only when it changes: a line worker 0 wrote
  // in each round would move to the other CPUs and back once more per round (bench/README.md, "A
  // trial's cost").
  WaitPolicy wait_;
  std::vector<int> pinned_;
  std::vector<Helper> helpers_;  // reserved once: helper threads hold pointers into it
  JobFunction job_function_ = nullptr;
  void* job_context_ = nullptr;
  bool stopping_ = false;
  // The start line, one cache line: worker 0 releases and checks in with two read-modify-writes,
  // the second on a line it already holds.
  // Bumped to release the workers into a round; the job and stopping_ are published by it.
  alignas(64) std::atomic<std::uint32_t> round_{0};
  // Check-ins since the pool started: round r may begin once it reaches r * threads.
  std::atomic<std::uint64_t> arrivals_{0};
  std::uint64_t rounds_ = 0;  // worker 0's count of the rounds it released
  // Workers other than worker 0 still running this round (or, at first, still starting).
  alignas(64) std::atomic<int> running_{0};
};

}  // namespace lockstress
