#include "harness/stats/fairness.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lockstress {

double acquisition_ratio(const std::vector<std::int64_t>& acquisitions) {
  if (acquisitions.empty()) return 1;
  const auto [min, max] = std::minmax_element(acquisitions.begin(), acquisitions.end());
  if (*max == 0) return 1;
  if (*min == 0) return std::numeric_limits<double>::infinity();
  return static_cast<double>(*max) / static_cast<double>(*min);
}

namespace {

constexpr double kBucketsPerE = 2048;
// Infinite ratios (a starved thread) sort after every finite one.
constexpr std::int64_t kInfiniteBucket = std::numeric_limits<std::int64_t>::max();

std::int64_t bucket_of(double ratio) {
  if (std::isinf(ratio)) return kInfiniteBucket;
  return static_cast<std::int64_t>(std::floor(std::log(ratio) * kBucketsPerE));
}

double middle_of(std::int64_t bucket) {
  if (bucket == kInfiniteBucket) return std::numeric_limits<double>::infinity();
  return std::exp((static_cast<double>(bucket) + 0.5) / kBucketsPerE);
}

}  // namespace

void FairnessTally::add(std::int64_t trial, const std::vector<std::int64_t>& acquisitions) {
  if (acquisitions.empty()) return;
  any_ = true;
  const auto [min, max] = std::minmax_element(acquisitions.begin(), acquisitions.end());
  if (*max < kMinWindowAcquisitions) {
    ++f_.unjudged_trials;
    return;
  }
  const double ratio = acquisition_ratio(acquisitions);
  ++f_.trials;
  if (*max > 2 * *min) ++f_.unfair_trials;
  if (*min == 0 && *max > 0) ++f_.starved_trials;
  if (f_.worst_trial < 0 || ratio > f_.worst_ratio) {
    f_.worst_ratio = ratio;
    f_.worst_trial = trial;
    f_.worst_acquisitions = acquisitions;
  }
  if (buckets_.empty() && exact_.size() < kExactTrials) {
    exact_.push_back(ratio);
    return;
  }
  for (double r : exact_) ++buckets_[bucket_of(r)];
  exact_ = {};
  ++buckets_[bucket_of(ratio)];
}

double FairnessTally::ratio_at_rank(std::int64_t rank) const {
  for (const auto& [bucket, count] : buckets_) {
    if (rank < count) return middle_of(bucket);
    rank -= count;
  }
  return f_.worst_ratio;
}

Fairness FairnessTally::fairness() const {
  Fairness f = f_;
  if (f.trials == 0) return f;
  if (buckets_.empty()) {
    std::vector<double> ratios = exact_;
    std::sort(ratios.begin(), ratios.end());
    const std::size_t n = ratios.size();
    f.median_ratio = n % 2 == 1 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
  } else {
    f.median_ratio = (ratio_at_rank((f.trials - 1) / 2) + ratio_at_rank(f.trials / 2)) / 2;
  }
  return f;
}

Fairness describe_fairness(const std::vector<TrialAcquisitions>& trials) {
  FairnessTally tally;
  for (const TrialAcquisitions& t : trials) tally.add(t.trial, t.acquisitions);
  return tally.fairness();
}

}  // namespace lockstress
