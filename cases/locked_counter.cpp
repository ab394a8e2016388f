#include <cstdint>
#include <memory>
#include <mutex>

#include "cases/catalogue.hpp"
#include "lockstress/counter_workload.hpp"
#include "lockstress/unlocked_increment.hpp"

namespace lockstress {
namespace {

struct MutexGuardedIncrement {
  std::mutex mutex;
  void operator()(std::int64_t& count, int /*thread*/) {
    std::lock_guard<std::mutex> guard(mutex);
    unlocked_increment(count);
  }
};

}  // namespace

Case locked_counter_case() {
  return Case{"locked_counter",
              "the same increments, each under a std::mutex (std::lock_guard)",
              // The mutex orders every increment after the previous one: nothing may be lost,
              // and TSan sees the lock's happens-before edges.
              Expect::safe,
              {},
              [](int) { return std::make_unique<CounterWorkload<MutexGuardedIncrement>>(); }};
}

}  // namespace lockstress
