#pragma once

#include <cstdint>
#include <optional>

#include "lockstress/workload.hpp"

namespace lockstress {

// The workload almost every case shares: each thread performs `iterations` increments of one
// shared counter through `Increment`, a type that owns whatever guards the counter (a lock, or
// nothing) and performs one increment: `void operator()(std::int64_t& count, int thread)`.
// The loop is here, in a template, so that the compiler inlines the increment into it.
template <class Increment>
class CounterWorkload final : public Workload {
 public:
  // A fresh counter and increment for every trial. The counter stays inside the workload object:
  // measured here, a counter in a heap block of its own (allocated per trial or once) cut the
  // plain runner's 2 x 1,000 detection from 99% of trials to 25-68%.
  void reset() override {
    counter_.value = 0;
    increment_.emplace();
  }

  void run(int thread, std::int64_t iterations) override {
    Increment& increment = *increment_;
    for (std::int64_t i = 0; i < iterations; ++i) increment(counter_.value, thread);
  }

  // The same increments in blocks of perturbation.period(), with a point between blocks. A
  // separate loop, so that run() (no perturbation) stays exactly the loop above.
  void run_perturbed(int thread, std::int64_t iterations, Perturbation& perturbation) override {
    Increment& increment = *increment_;
    const std::int64_t period = perturbation.period();
    for (std::int64_t done = 0; done < iterations;) {
      const std::int64_t end = iterations - done > period ? done + period : iterations;
      for (; done < end; ++done) increment(counter_.value, thread);
      if (done < iterations) perturbation.point();
    }
  }

  std::int64_t count() const override { return counter_.value; }

 private:
  // On its own cache line, so that the guard's state never shares one with the counter.
  struct alignas(64) Counter {
    std::int64_t value = 0;
  };
  Counter counter_;
  std::optional<Increment> increment_;
};

}  // namespace lockstress
