#pragma once

#include <array>
#include <chrono>
#include <cstdint>

namespace lockstress {

// Decides when a runner is hung: when it has shown no sign of progress (a trial record, or a byte
// from its progress beacon, which reports the case's counter moving) for
//
//     limit = floor + kMedianMultiple x (median time between signs of progress so far in the cell)
//
// The beacon is what lets a lock that is merely slow run as long as it needs: measured on 2 CPUs,
// a spinning ticket lock at 5 threads x 100,000 increments took over 300 s per trial, yet its
// counter moved in every 200 ms look. The median term stretches the limit for cases that cannot
// report progress and whose trials are long. A zero floor turns the watchdog off.
class Watchdog {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr double kMedianMultiple = 10;

  explicit Watchdog(std::chrono::duration<double> floor);

  // A runner started: the clock starts, and no gap is recorded.
  void start(Clock::time_point now);
  void progress(Clock::time_point now);

  // Clock::time_point::max() when off.
  Clock::time_point deadline() const;
  std::chrono::duration<double> limit() const;

 private:
  // Gaps are kept in a histogram of quarter-powers of two of nanoseconds, so the median costs no
  // memory per trial and is exact to within 19%, rounded up.
  static constexpr int kBuckets = 4 * 64;
  std::chrono::duration<double> median_gap() const;

  std::chrono::duration<double> floor_;
  Clock::time_point last_{};
  std::array<std::int64_t, kBuckets> gaps_{};
  std::int64_t count_ = 0;
};

}  // namespace lockstress
