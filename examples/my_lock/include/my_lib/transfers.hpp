#pragma once

#include <cstddef>
#include <cstdint>
#include <lockstress/lockstress.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace my_lib {

// A workload of its own (docs/your-own-locks.md, "Workloads of your own"): two accounts that hold
// kTotal between them. Each iteration, under the lock, checks that they still do, then moves one
// unit from one to the other (even threads one way, odd threads back) and counts the transfer. A
// hole in the lock shows as lost transfers (count() short of threads x iterations), as a sum
// seen while another thread was half-way through its transfer (torn_reads()), and under TSan as
// a data race on the accounts.
template <class Lock>
class Transfers final : public lockstress::Workload {
 public:
  static constexpr std::int64_t kTotal = 1'000'000;

  // Before every trial: a fresh lock, and fresh accounts (at a new address every trial under
  // TSan, so that each trial draws its own report: lockstress/trial_slot.hpp).
  void reset() override {
    lock_.emplace();
    accounts_.renew().from = kTotal;
  }

  // On every worker thread at once.
  void run(int thread, std::int64_t iterations) override {
    Accounts& a = accounts_.get();
    const std::int64_t step = thread % 2 == 0 ? 1 : -1;
    for (std::int64_t i = 0; i < iterations; ++i) {
      lock_->lock();
      const std::int64_t from = a.from;
      const std::int64_t to = a.to;
      if (from + to != kTotal) ++a.torn;
      a.from = from - step;
      a.to = to + step;
      ++a.transfers;
      lock_->unlock();
    }
  }

  // Once every worker returned: the trial passes when it counts threads x iterations and no
  // transfer was seen half done.
  std::int64_t count() const override { return accounts_.get().transfers; }
  std::int64_t torn_reads() const override { return accounts_.get().torn; }

  // A lock of its own for the sync probe, which checks that TSan sees what lock() and unlock()
  // do (without one, a lock TSan cannot see would read as a race on the accounts).
  std::unique_ptr<lockstress::LockProbe> lock_probe() const override {
    return std::make_unique<Probe>();
  }

 private:
  struct Accounts {
    std::int64_t from = 0;
    std::int64_t to = 0;
    std::int64_t transfers = 0;
    std::int64_t torn = 0;
  };
  struct Probe final : lockstress::LockProbe {
    Lock lock;
    std::vector<std::string> operations() const override { return {"lock", "unlock"}; }
    void run(std::size_t index) override { index == 0 ? lock.lock() : lock.unlock(); }
  };

  std::optional<Lock> lock_;
  lockstress::TrialSlot<Accounts> accounts_;
};

}  // namespace my_lib
