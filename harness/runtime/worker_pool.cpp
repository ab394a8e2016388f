#include "harness/runtime/worker_pool.hpp"

#include "harness/runtime/placement.hpp"
#include "harness/runtime/spin_then_wait.hpp"

namespace lockstress {

WorkerPool::WorkerPool(const std::vector<int>& cpus) : pinned_(cpus.size(), -1) {
  const int threads = static_cast<int>(cpus.size());
  place(0, cpus[0]);
  running_.store(threads - 1, std::memory_order_relaxed);
  helpers_.reserve(cpus.size() - 1);
  for (int worker = 1; worker < threads; ++worker) {
    helpers_.emplace_back([this, worker, cpu = cpus[static_cast<std::size_t>(worker)]] {
      worker_main(worker, cpu);
    });
  }
  for (int starting = running_.load(std::memory_order_acquire); starting != 0;) {
    starting = spin_then_wait_while_equal(running_, starting);
  }
}

void WorkerPool::place(int worker, int cpu) {
  if (cpu >= 0 && pin_current_thread(cpu)) pinned_[static_cast<std::size_t>(worker)] = cpu;
}

WorkerPool::~WorkerPool() {
  stopping_ = true;
  round_.fetch_add(1, std::memory_order_release);
  round_.notify_all();
  for (std::thread& helper : helpers_) helper.join();
}

void WorkerPool::run_round(const std::function<void(int)>& job) {
  job_ = &job;
  running_.store(static_cast<int>(helpers_.size()), std::memory_order_relaxed);
  round_.fetch_add(1, std::memory_order_release);
  round_.notify_all();
  job(0);
  for (int running = running_.load(std::memory_order_acquire); running != 0;) {
    running = spin_then_wait_while_equal(running_, running);
  }
}

void WorkerPool::worker_main(int worker, int cpu) {
  place(worker, cpu);
  if (running_.fetch_sub(1, std::memory_order_acq_rel) == 1) running_.notify_one();
  std::uint32_t seen = 0;
  for (;;) {
    seen = spin_then_wait_while_equal(round_, seen);
    if (stopping_) return;
    (*job_)(worker);
    if (running_.fetch_sub(1, std::memory_order_acq_rel) == 1) running_.notify_one();
  }
}

}  // namespace lockstress
