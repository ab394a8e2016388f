#include "harness/stats/lost_updates.hpp"

#include <algorithm>
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

Interval LostUpdateTally::bounds_at_rank(std::int64_t rank) const {
  std::int64_t seen = 0;
  for (const auto& [key, count] : buckets_) {
    seen += count;
    if (rank >= seen) continue;
    // A bucket is named by its end nearest zero and spans bucket_width() values from there; it
    // holds a value in [min, max], so the differences below cannot overflow.
    const auto span = static_cast<std::int64_t>(bucket_width(magnitude(key))) - 1;
    const std::int64_t low = key < 0 ? key - std::min(span, key - min_) : std::max(key, min_);
    const std::int64_t high = key < 0 ? std::min(key, max_) : key + std::min(span, max_ - key);
    return {static_cast<double>(low), static_cast<double>(high)};
  }
  return {static_cast<double>(max_), static_cast<double>(max_)};
}

Interval LostUpdateTally::median_bounds() const {
  if (trials_ == 0) return {};
  return lockstress::median_bounds(bounds_at_rank((trials_ - 1) / 2), bounds_at_rank(trials_ / 2));
}

Description LostUpdateTally::describe() const {
  Description d;
  if (trials_ == 0) return d;
  d.mean = static_cast<double>(sum_ / static_cast<long double>(trials_));
  d.min = min_;
  d.max = max_;
  const Interval bounds = median_bounds();
  d.median = (bounds.low + bounds.high) / 2;
  return d;
}

std::vector<HistogramBucket> LostUpdateTally::histogram() const {
  std::vector<HistogramBucket> out;
  for (const auto& [key, count] : buckets_) {
    // Every negative value shares the bucket [min, -1].
    const HistogramBucket bucket =
        key < 0 ? HistogramBucket{min_, -1, 0} : power_of_two_bucket(key);
    if (out.empty() || out.back().low != bucket.low) out.push_back(bucket);
    out.back().count += count;
  }
  return out;
}

}  // namespace lockstress
