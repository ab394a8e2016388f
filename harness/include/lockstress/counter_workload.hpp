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
  void reset() override {
    counter_.value = 0;
    increment_.emplace();
  }

  void run(int thread, std::int64_t iterations) override {
    Increment& increment = *increment_;
    for (std::int64_t i = 0; i < iterations; ++i) increment(counter_.value, thread);
  }

  std::int64_t count() const override { return counter_.value; }

  // A racy read on purpose, kept out of TSan's sight: the workers write the counter without
  // synchronisation (for most cases, that is the point), and this only needs a recent value.
  __attribute__((no_sanitize("thread"))) std::int64_t progress() const override {
    return *static_cast<const volatile std::int64_t*>(&counter_.value);
  }

 private:
  // On its own cache line, so that the guard's state never shares one with the counter.
  struct alignas(64) Counter {
    std::int64_t value = 0;
  };
  Counter counter_;
  std::optional<Increment> increment_;
};

}  // namespace lockstress
