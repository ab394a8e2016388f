#include <atomic>
#include <cstdint>
#include <memory>

#include "lockstress/workload.hpp"
#include "tests/faults/faults.hpp"

namespace lockstress::faults {
namespace {

// Every worker writes each of kSlots words with no order between the workers, while the count is
// an atomic (relaxed: it orders nothing for TSan) and stays right. TSan reports each racy word
// once (suppress_equal_addresses), so the first trial of a runner draws about kSlots reports,
// past the per-trial cap; later trials of the same process, none.
class ReportFlood final : public Workload {
 public:
  static constexpr int kSlots = 300;

  void reset() override { count_.store(0, std::memory_order_relaxed); }

  void run(int /*thread*/, std::int64_t iterations) override {
    for (std::int64_t i = 0; i < iterations; ++i) {
      slots_[i % kSlots] = i;  // volatile: every store stays, and TSan checks each
      count_.fetch_add(1, std::memory_order_relaxed);
    }
  }

  std::int64_t count() const override { return count_.load(std::memory_order_relaxed); }

 private:
  volatile std::int64_t slots_[kSlots] = {};
  std::atomic<std::int64_t> count_{0};
};

}  // namespace

Case report_flood_case() {
  return Case{"report_flood",
              "300 racy words: a first trial of a few hundred TSan reports, past the cap",
              Expect::race_caught_by_tsan_only("the count is atomic: only the words race"),
              {},
              [](int) { return std::make_unique<ReportFlood>(); }};
}

}  // namespace lockstress::faults
