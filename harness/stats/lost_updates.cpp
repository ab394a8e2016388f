#include "harness/stats/lost_updates.hpp"

#include <bit>

namespace lockstress {
namespace {

std::uint64_t magnitude(std::int64_t value) {
  return value < 0 ? std::uint64_t(0) - static_cast<std::uint64_t>(value)
                   : static_cast<std::uint64_t>(value);
}

// How many values the bucket of a value of this magnitude spans: 1 below kExactBelow, then
// 2^(e-6) for a magnitude in [2^e, 2^(e+1)), which makes 64 buckets per power of two.
std::uint64_t bucket_width(std::uint64_t m) {
  if (m < static_cast<std::uint64_t>(LostUpdateTally::kExactBelow)) return 1;
  const int e = std::bit_width(m) - 1;
  return std::uint64_t{1} << (e - 6);
}

std::int64_t bucket_key(std::int64_t value) {
  const std::uint64_t m = magnitude(value);
  const std::uint64_t low = m - m % bucket_width(m);
  return value < 0 ? -static_cast<std::int64_t>(low) : static_cast<std::int64_t>(low);
}

}  // namespace

void LostUpdateTally::add(std::int64_t lost) {
  if (trials_ == 0 || lost < min_) min_ = lost;
  if (trials_ == 0 || lost > max_) max_ = lost;
  ++trials_;
  sum_ += lost;
  ++buckets_[bucket_key(lost)];
}

std::pair<double, bool> LostUpdateTally::value_at_rank(std::int64_t rank) const {
  std::int64_t seen = 0;
  for (const auto& [key, count] : buckets_) {
    seen += count;
    if (rank >= seen) continue;
    const std::uint64_t width = bucket_width(magnitude(key));
    if (width == 1) return {static_cast<double>(key), true};
    // Every value of a wide bucket lies within (width - 1) / 2 of its middle.
    const double half = static_cast<double>(width - 1) / 2;
    return {key < 0 ? static_cast<double>(key) - half : static_cast<double>(key) + half, false};
  }
  return {static_cast<double>(max_), true};
}

Description LostUpdateTally::describe() const {
  Description d;
  if (trials_ == 0) return d;
  d.mean = static_cast<double>(sum_ / static_cast<long double>(trials_));
  d.min = min_;
  d.max = max_;
  const auto [low, low_exact] = value_at_rank((trials_ - 1) / 2);
  const auto [high, high_exact] = value_at_rank(trials_ / 2);
  d.median = (low + high) / 2;
  d.median_exact = low_exact && high_exact;
  return d;
}

std::vector<HistogramBucket> LostUpdateTally::histogram() const {
  std::vector<HistogramBucket> out;
  for (const auto& [key, count] : buckets_) {
    HistogramBucket bucket;
    if (key < 0) {
      // Every negative value shares the bucket [min, -1].
      bucket = {min_, -1, 0};
    } else if (key == 0) {
      bucket = {0, 0, 0};
    } else {
      const std::int64_t low = std::int64_t{1}
                               << (std::bit_width(static_cast<std::uint64_t>(key)) - 1);
      bucket = {low, low * 2 - 1, 0};
    }
    if (out.empty() || out.back().low != bucket.low) out.push_back(bucket);
    out.back().count += count;
  }
  return out;
}

}  // namespace lockstress
