#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

namespace lockstress {

// Runs one job on `threads` threads at once, again and again, on threads created once.
// The calling thread is worker 0, so no thread sits idle coordinating while the others work.
//
// Each round, the workers wait at a start line and are released together. Waiting spins for a
// bounded time, then blocks on the atomic (a futex): a pure spin wait collapses when there are
// more threads than CPUs, because spinners steal the CPU from the threads they wait for.
class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs job(worker) on every worker, all released together; returns once every one returned.
  void run_round(const std::function<void(int worker)>& job);

 private:
  void worker_main(int worker);

  std::vector<std::thread> helpers_;
  const std::function<void(int)>* job_ = nullptr;
  bool stopping_ = false;
  // Bumped to release the workers into a round; job_ and stopping_ are published by it.
  alignas(64) std::atomic<std::uint32_t> round_{0};
  // Workers other than worker 0 still running this round.
  alignas(64) std::atomic<int> running_{0};
};

}  // namespace lockstress
