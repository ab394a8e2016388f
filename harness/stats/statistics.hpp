#pragma once

#include <cstdint>
#include <vector>

namespace lockstress {

struct Interval {
  double low = 0;
  double high = 0;
};

// k events in n independent trials, with a 95% interval for the rate.
//   0 < k < n: Wilson score interval (keeps its coverage near 0 and 1, unlike Wald's).
//   k == 0:    [0, 1 - 0.05^(1/n)], the exact one-sided bound: what "never seen" proves.
//   k == n:    [0.05^(1/n), 1], the same bound mirrored.
// n == 0 gives rate 0 and the uninformative interval [0, 1].
struct Rate {
  std::int64_t events = 0;
  std::int64_t trials = 0;
  double value = 0;
  Interval ci95;
  bool one_sided = false;
  bool until_first = false;  // trials stopped at the first event: see until_first_detection()
};

Rate rate(std::int64_t events, std::int64_t trials);

// The same at a two-sided error `alpha` other than 5% (a sequential look: see stopping.hpp);
// `alpha` is then also the error of the one-sided bounds at 0 and n.
Rate rate_at(std::int64_t events, std::int64_t trials, double alpha);

Interval wilson_interval(std::int64_t events, std::int64_t trials, double alpha = 0.05);

// The largest rate still consistent (at 95%, one-sided) with seeing no event in n trials.
double zero_event_upper_bound(std::int64_t trials, double alpha = 0.05);

// The standard normal quantile: normal_quantile(0.975) = 1.95996...; p in (0, 1).
double normal_quantile(double p);

// Mean, median and extremes of a sample; all zero for an empty one. The median of an even-sized
// sample is the mean of the middle two.
struct Description {
  double mean = 0;
  double median = 0;
  std::int64_t min = 0;
  std::int64_t max = 0;
};

Description describe(std::vector<std::int64_t> values);

// Where a median lies when only the ranges of its middle values are known: the middle values of
// ranks (n-1)/2 and n/2 lie in `lower` and `upper`, so their mean lies in the returned interval.
// Exact values give [median, median].
Interval median_bounds(Interval lower, Interval upper);

// Power-of-two buckets [lo, hi] of non-negative values: 0, 1, 2-3, 4-7, ... Values below zero
// share one bucket [min, -1]. Only non-empty buckets are listed, in order.
struct HistogramBucket {
  std::int64_t low = 0;
  std::int64_t high = 0;
  std::int64_t count = 0;
};

std::vector<HistogramBucket> power_of_two_histogram(const std::vector<std::int64_t>& values);

// The bucket of power_of_two_histogram() that holds `value` >= 0, with a count of 0.
HistogramBucket power_of_two_bucket(std::int64_t value);

}  // namespace lockstress
