#include "harness/stats/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace lockstress {
namespace {

// The 97.5th percentile of the standard normal distribution: a two-sided 95% interval.
constexpr double kZ95 = 1.959963984540054;

int bucket_index(std::int64_t value) {
  if (value < 0) return -1;
  if (value == 0) return 0;
  return 64 - __builtin_clzll(static_cast<unsigned long long>(value));
}

}  // namespace

double normal_quantile(double p) {
  if (p == 0.975) return kZ95;
  // Bisection on the normal CDF, 0.5 * erfc(-x / sqrt 2): monotone, and exact to double precision
  // after a hundred halvings of [-40, 40].
  double low = -40;
  double high = 40;
  for (int i = 0; i < 100; ++i) {
    const double mid = (low + high) / 2;
    (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? low : high) = mid;
  }
  return (low + high) / 2;
}

Interval wilson_interval(std::int64_t events, std::int64_t trials, double alpha) {
  if (trials <= 0) return {0, 1};
  const double z = normal_quantile(1 - alpha / 2);
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(events) / n;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

double zero_event_upper_bound(std::int64_t trials, double alpha) {
  if (trials <= 0) return 1;
  return 1 - std::pow(alpha, 1.0 / static_cast<double>(trials));
}

Rate rate_at(std::int64_t events, std::int64_t trials, double alpha) {
  Rate r{events, trials, 0, {0, 1}, false};
  if (trials <= 0) return r;
  r.value = static_cast<double>(events) / static_cast<double>(trials);
  if (events == 0) {
    r.ci95 = {0, zero_event_upper_bound(trials, alpha)};
    r.one_sided = true;
  } else if (events == trials) {
    r.ci95 = {1 - zero_event_upper_bound(trials, alpha), 1};
    r.one_sided = true;
  } else {
    r.ci95 = wilson_interval(events, trials, alpha);
  }
  return r;
}

Rate rate(std::int64_t events, std::int64_t trials) { return rate_at(events, trials, 0.05); }

Description describe(std::vector<std::int64_t> values) {
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  const double sum = std::accumulate(values.begin(), values.end(), 0.0,
                                     [](double acc, std::int64_t v) { return acc + double(v); });
  const double median =
      n % 2 == 1 ? double(values[n / 2]) : (double(values[n / 2 - 1]) + double(values[n / 2])) / 2;
  return {sum / double(n), median, values.front(), values.back()};
}

Interval median_bounds(Interval lower, Interval upper) {
  return {(lower.low + upper.low) / 2, (lower.high + upper.high) / 2};
}

HistogramBucket power_of_two_bucket(std::int64_t value) {
  const int index = bucket_index(value);
  if (index <= 0) return {0, 0, 0};
  const std::int64_t low = std::int64_t{1} << (index - 1);
  return {low, low + (low - 1), 0};  // 2 * low - 1, which overflows at index 63
}

std::vector<HistogramBucket> power_of_two_histogram(const std::vector<std::int64_t>& values) {
  std::map<int, HistogramBucket> buckets;
  for (std::int64_t value : values) {
    const int index = bucket_index(value);
    auto [it, inserted] = buckets.try_emplace(index);
    HistogramBucket& bucket = it->second;
    if (inserted) {
      bucket = index < 0 ? HistogramBucket{value, -1, 0} : power_of_two_bucket(value);
    }
    if (index < 0) bucket.low = std::min(bucket.low, value);
    ++bucket.count;
  }
  std::vector<HistogramBucket> out;
  out.reserve(buckets.size());
  for (const auto& [index, bucket] : buckets) out.push_back(bucket);
  return out;
}

}  // namespace lockstress
