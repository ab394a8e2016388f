#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string_view>

#include "lockstress/unlocked_increment.hpp"
#include "lockstress/workload.hpp"
#include "tests/faults/faults.hpp"

namespace lockstress::faults {
namespace {

// The trial of each runner process in which the fault strikes: the third, so that trials before
// it completed (and must be kept) and trials after it remain (and must run after a restart).
constexpr int kFaultyTrial = 2;

// locked_counter's workload, except that worker 1 (a helper thread, not the runner's main thread)
// calls `fault` halfway through the faulty trial.
class FaultyWorkload final : public Workload {
 public:
  explicit FaultyWorkload(std::function<void()> fault) : fault_(std::move(fault)) {}

  void reset() override {
    count_ = 0;
    ++trial_;
  }

  void run(int thread, std::int64_t iterations) override {
    for (std::int64_t i = 0; i < iterations; ++i) {
      if (trial_ == kFaultyTrial && thread == 1 && i == iterations / 2) fault_();
      std::lock_guard<std::mutex> guard(mutex_);
      unlocked_increment(count_);
    }
  }

  std::int64_t count() const override { return count_; }

 private:
  std::function<void()> fault_;
  std::mutex mutex_;
  std::int64_t count_ = 0;
  int trial_ = -1;  // of this process; reset() starts each trial
};

Case faulty_case(std::string name, std::string description, std::function<void()> fault) {
  return Case{std::move(name), std::move(description), Expect::safe, ThreadLimit{2, kMaxThreads},
              [fault = std::move(fault)](int) { return std::make_unique<FaultyWorkload>(fault); }};
}

void write_stderr(std::string_view text) {
  (void)!::write(STDERR_FILENO, text.data(), text.size());
}

}  // namespace

Case segfault_case() {
  return faulty_case("segfault", "writes through a wild pointer in trial 2 of each runner",
                     [] { *reinterpret_cast<volatile int*>(std::uintptr_t{8}) = 1; });
}

Case abort_case() {
  return faulty_case("abort", "calls std::abort() in trial 2 of each runner", [] { std::abort(); });
}

Case throw_case() {
  return faulty_case("throw", "throws std::runtime_error in trial 2 of each runner",
                     [] { throw std::runtime_error("lock table corrupted"); });
}

Case exit_case() {
  return faulty_case("exit", "calls _Exit(3) in trial 2 of each runner, mid-trial",
                     [] { std::_Exit(3); });
}

Case garbage_case() {
  return faulty_case("garbage", "writes junk and a malformed record to stderr in trial 2", [] {
    write_stderr("\x01\xfe not a record \xff\n@lockstress/1 trial index=banana seed=1\n");
  });
}

Case truncated_record_case() {
  return faulty_case("truncated_record",
                     "writes half a trial record, then exits, in trial 2 of each runner", [] {
                       write_stderr("@lockstress/1 trial index=2 seed=");
                       std::_Exit(0);
                     });
}

}  // namespace lockstress::faults
