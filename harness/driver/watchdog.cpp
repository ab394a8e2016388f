#include "harness/driver/watchdog.hpp"

#include <algorithm>
#include <cmath>

namespace lockstress {

Watchdog::Watchdog(std::chrono::duration<double> floor) : floor_(floor) {}

void Watchdog::start(Clock::time_point now) { last_ = now; }

void Watchdog::progress(Clock::time_point now) {
  const double ns = std::chrono::duration<double, std::nano>(now - last_).count();
  last_ = now;
  const int bucket = ns < 1 ? 0 : static_cast<int>(std::floor(4 * std::log2(ns)));
  ++gaps_[static_cast<std::size_t>(std::clamp(bucket, 0, kBuckets - 1))];
  ++count_;
}

std::chrono::duration<double> Watchdog::median_gap() const {
  if (count_ == 0) return std::chrono::duration<double>(0);
  std::int64_t seen = 0;
  for (int bucket = 0; bucket < kBuckets; ++bucket) {
    seen += gaps_[static_cast<std::size_t>(bucket)];
    if (2 * seen >= count_) {
      return std::chrono::duration<double, std::nano>(std::exp2((bucket + 1) / 4.0));
    }
  }
  return std::chrono::duration<double, std::nano>(std::exp2(kBuckets / 4.0));
}

std::chrono::duration<double> Watchdog::limit() const {
  return floor_ + kMedianMultiple * median_gap();
}

Watchdog::Clock::time_point Watchdog::deadline() const {
  if (floor_.count() <= 0) return Clock::time_point::max();
  // A year is forever here, and keeps the sum far from overflowing the clock.
  const std::chrono::duration<double> capped =
      std::min(limit(), std::chrono::duration<double>(3.2e7));
  return last_ + std::chrono::duration_cast<Clock::duration>(capped);
}

}  // namespace lockstress
