#include <atomic>
#include <cstdint>
#include <memory>

#include "cases/catalogue.hpp"
#include "lockstress/counter_workload.hpp"

namespace lockstress {
namespace {

struct FetchAddIncrement {
  void operator()(std::int64_t& count, int /*thread*/) {
    // Relaxed is enough: an atomic read-modify-write never loses another's update, whatever the
    // order; the final count is read after the workers have joined.
    std::atomic_ref<std::int64_t>(count).fetch_add(1, std::memory_order_relaxed);
  }
};

}  // namespace

Case atomic_counter_case() {
  return Case{
      "atomic_counter",
      "fetch_add(1, relaxed) on the shared counter: no lock",
      // One indivisible read-modify-write per increment: nothing can be lost, and atomic
      // accesses never race with each other.
      Expect::safe,
      {},
      [](int threads) { return std::make_unique<CounterWorkload<FetchAddIncrement>>(threads); },
      kCounterDefaults};
}

}  // namespace lockstress
