#include <atomic>
#include <cstdint>
#include <memory>

#include "cases/catalogue.hpp"
#include "lockstress/counter_workload.hpp"

namespace lockstress {
namespace {

struct LoadThenStoreIncrement {
  void operator()(std::int64_t& count, int /*thread*/) {
    std::atomic_ref<std::int64_t> counter(count);
    counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }
};

}  // namespace

Case split_rmw_relaxed_case() {
  return Case{
      "split_rmw_relaxed",
      "atomic relaxed load, then a separate atomic store of load + 1",
      // A race condition that is not a data race: every access is atomic, so the program is
      // well-defined C++ and TSan has nothing to report, yet another thread's store can land
      // between this thread's load and store, and that update is lost.
      Expect::race_caught_by_plain_only(
          "every access is atomic: a lost update between a load and a store is an atomicity "
          "violation, not a data race, and TSan looks only for data races")
          .caught_by_model_too(),
      {},
      [](int threads) {
        return std::make_unique<CounterWorkload<LoadThenStoreIncrement>>(threads);
      },
      kCounterDefaults};
}

}  // namespace lockstress
