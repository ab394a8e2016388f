#include "harness/stats/fairness.hpp"

#include <algorithm>
#include <limits>

namespace lockstress {

double acquisition_ratio(const std::vector<std::int64_t>& acquisitions) {
  if (acquisitions.empty()) return 1;
  const auto [min, max] = std::minmax_element(acquisitions.begin(), acquisitions.end());
  if (*max == 0) return 1;
  if (*min == 0) return std::numeric_limits<double>::infinity();
  return static_cast<double>(*max) / static_cast<double>(*min);
}

Fairness describe_fairness(const std::vector<TrialAcquisitions>& trials) {
  Fairness f;
  std::vector<double> ratios;
  for (const TrialAcquisitions& t : trials) {
    if (t.acquisitions.empty()) continue;
    if (*std::max_element(t.acquisitions.begin(), t.acquisitions.end()) < kMinWindowAcquisitions) {
      ++f.unjudged_trials;
      continue;
    }
    const double ratio = acquisition_ratio(t.acquisitions);
    ratios.push_back(ratio);
    const auto [min, max] = std::minmax_element(t.acquisitions.begin(), t.acquisitions.end());
    if (*max > 2 * *min) ++f.unfair_trials;
    if (*min == 0 && *max > 0) ++f.starved_trials;
    if (f.worst_trial < 0 || ratio > f.worst_ratio) {
      f.worst_ratio = ratio;
      f.worst_trial = t.trial;
      f.worst_acquisitions = t.acquisitions;
    }
  }
  f.trials = static_cast<std::int64_t>(ratios.size());
  if (ratios.empty()) return f;
  std::sort(ratios.begin(), ratios.end());
  const std::size_t n = ratios.size();
  f.median_ratio = n % 2 == 1 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
  return f;
}

}  // namespace lockstress
