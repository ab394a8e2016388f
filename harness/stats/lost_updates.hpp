#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "harness/stats/statistics.hpp"

namespace lockstress {

// The lost updates of a cell's trials, folded in one at a time as they stream in. Memory grows
// with the number of distinct buckets, never with the number of trials: values of magnitude below
// kExactBelow are counted exactly; above, each power of two is split into 64 buckets, so a median
// that falls there is known to its bucket, whose middle is within 1/128 (0.8%) of the true
// median. Mean, min, max and the power-of-two histogram are exact.
class LostUpdateTally {
 public:
  static constexpr std::int64_t kExactBelow = 128;
  static constexpr double kMedianRelativeError = 1.0 / 128;

  void add(std::int64_t lost);

  std::int64_t trials() const { return trials_; }
  // As describe() of every value added, except that the median is the middle of median_bounds().
  Description describe() const;
  // Where the median of every value added lies: [median, median] when it is exact.
  Interval median_bounds() const;
  // As power_of_two_histogram() of every value added.
  std::vector<HistogramBucket> histogram() const;

 private:
  // The values the `rank`-th smallest (0-based) may have: its bucket, within [min, max].
  Interval bounds_at_rank(std::int64_t rank) const;

  std::int64_t trials_ = 0;
  long double sum_ = 0;  // exact up to 2^64
  std::int64_t min_ = 0;
  std::int64_t max_ = 0;
  // Bucket -> trials; a bucket is named by its end nearest zero, and spans bucket_width() values.
  std::map<std::int64_t, std::int64_t> buckets_;
};

}  // namespace lockstress
