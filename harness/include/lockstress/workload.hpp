#pragma once

#include <cstdint>
#include <vector>

namespace lockstress {

// The shared state of one case inside one runner process. The runner calls reset() before every
// trial (a fresh counter and a fresh lock), then run() once on every worker thread at the same
// moment, then count() and acquisitions() once all of them have returned.
class Workload {
 public:
  virtual ~Workload() = default;
  virtual void reset() = 0;
  virtual void run(int thread, std::int64_t iterations) = 0;
  virtual std::int64_t count() const = 0;
  // How many times each thread had taken the lock when the first thread finished its iterations
  // (the fairness snapshot); empty for a workload that takes no lock.
  virtual std::vector<std::int64_t> acquisitions() const { return {}; }
};

}  // namespace lockstress
