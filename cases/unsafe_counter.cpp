#include "cases/unsafe_counter.hpp"

#include <cstdint>
#include <memory>

#include "lockstress/counter_workload.hpp"
#include "lockstress/unlocked_increment.hpp"

namespace lockstress {
namespace {

struct UnguardedIncrement {
  void operator()(std::int64_t& count, int /*thread*/) { unlocked_increment(count); }
};

}  // namespace

Case unsafe_counter_case() {
  return Case{
      kControlCase,
      "count += 1 on one shared counter with no lock: the positive control",
      // Every detector, for different reasons: the hardware interleaves one thread's
      // load-add-store with another's (lost updates), nothing orders the accesses (a data race),
      // and the model's schedules switch between the load and the store (lost updates).
      Expect::race_caught_by_both().caught_by_model_too(),
      {},
      [](int threads) { return std::make_unique<CounterWorkload<UnguardedIncrement>>(threads); }};
}

}  // namespace lockstress
