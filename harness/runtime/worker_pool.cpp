#include "harness/runtime/worker_pool.hpp"

#include <cstring>
#include <stdexcept>
#include <string>

#include "harness/runtime/placement.hpp"

namespace lockstress {

WorkerPool::WorkerPool(const std::vector<int>& cpus, WaitPolicy wait)
    : wait_(wait), pinned_(cpus.size(), -1) {
  const int threads = static_cast<int>(cpus.size());
  place(0, cpus[0]);
  running_.store(threads - 1, std::memory_order_relaxed);
  helpers_.reserve(cpus.size() - 1);
  for (int worker = 1; worker < threads; ++worker) {
    helpers_.push_back(Helper{this, worker, cpus[static_cast<std::size_t>(worker)], {}});
    Helper& helper = helpers_.back();
    if (int error = pthread_create(&helper.thread, nullptr, &WorkerPool::helper_main, &helper)) {
      // The helpers already started hold pointers into helpers_ and this pool: they must be gone
      // before the exception unwinds both.
      helpers_.pop_back();
      stop_helpers();
      throw std::runtime_error("cannot start a worker thread: " +
                               std::string(std::strerror(error)));
    }
  }
  for (int starting = running_.load(std::memory_order_acquire); starting != 0;) {
    starting = spin_then_wait_while_equal(running_, starting);
  }
}

void WorkerPool::place(int worker, int cpu) {
  if (cpu >= 0 && pin_current_thread(cpu)) pinned_[static_cast<std::size_t>(worker)] = cpu;
}

WorkerPool::~WorkerPool() { stop_helpers(); }

void WorkerPool::stop_helpers() {
  stopping_ = true;
  round_.fetch_add(1, std::memory_order_release);
  round_.notify_all();
  for (Helper& helper : helpers_) pthread_join(helper.thread, nullptr);
}

void WorkerPool::run_round(JobFunction function, void* context) {
  if (function != job_function_ || context != job_context_) {
    job_function_ = function;
    job_context_ = context;
  }
  running_.store(static_cast<int>(helpers_.size()), std::memory_order_relaxed);
  round_.fetch_add(1, std::memory_order_release);
  round_.notify_all();
  check_in(++rounds_);
  function(context, 0);
  for (int running = running_.load(std::memory_order_acquire); running != 0;) {
    running = wait_while_equal(running_, running, wait_);
  }
}

void WorkerPool::check_in(std::uint64_t round) {
  const std::uint64_t everyone = round * (helpers_.size() + 1);
  if (arrivals_.fetch_add(1, std::memory_order_acq_rel) + 1 == everyone) return;
  spin_while_less(arrivals_, everyone, wait_);
}

void WorkerPool::run_round(const std::function<void(int)>& job) {
  run_round([](void* context,
               int worker) { (*static_cast<const std::function<void(int)>*>(context))(worker); },
            const_cast<std::function<void(int)>*>(&job));
}

void* WorkerPool::helper_main(void* helper) {
  const Helper& self = *static_cast<const Helper*>(helper);
  self.pool->worker_main(self.worker, self.cpu);
  return nullptr;
}

void WorkerPool::worker_main(int worker, int cpu) {
  place(worker, cpu);
  if (running_.fetch_sub(1, std::memory_order_acq_rel) == 1) running_.notify_one();
  std::uint32_t seen = 0;
  for (std::uint64_t round = 1;; ++round) {
    seen = wait_while_equal(round_, seen, wait_);
    if (stopping_) return;
    check_in(round);
    job_function_(job_context_, worker);
    if (running_.fetch_sub(1, std::memory_order_acq_rel) == 1) running_.notify_one();
  }
}

}  // namespace lockstress
