#include "harness/stats/fisher.hpp"

#include <algorithm>
#include <cmath>

namespace lockstress {
namespace {

double log_choose(std::int64_t n, std::int64_t k) {
  return std::lgamma(double(n) + 1) - std::lgamma(double(k) + 1) - std::lgamma(double(n - k) + 1);
}

}  // namespace

FisherResult fisher_exact(std::int64_t events1, std::int64_t trials1, std::int64_t events2,
                          std::int64_t trials2) {
  const std::int64_t events = events1 + events2;
  const std::int64_t trials = trials1 + trials2;
  if (trials1 <= 0 || trials2 <= 0 || events == 0 || events == trials) return {};
  // The probability of `x` events among the first trials1, given `events` in all.
  const double log_total = log_choose(trials, events);
  auto log_p = [&](std::int64_t x) {
    return log_choose(trials1, x) + log_choose(trials2, events - x) - log_total;
  };
  const double observed = log_p(events1);
  const double tolerance = std::log1p(1e-7);
  // p = exp(observed) * sum of exp(log_p(x) - observed) over the tables no more likely: every
  // term is at most 1 (within the tolerance), so the sum neither overflows nor loses the small p.
  double relative_sum = 0;
  bool every_table = true;
  for (std::int64_t x = std::max<std::int64_t>(0, events - trials2); x <= std::min(events, trials1);
       ++x) {
    const double lp = log_p(x);
    if (lp <= observed + tolerance) {
      relative_sum += std::exp(lp - observed);
    } else {
      every_table = false;
    }
  }
  // Summed, every table's probability makes 1 only up to rounding; say 1 exactly.
  if (every_table) return {};
  const double log_p_value = std::min(0.0, observed + std::log(relative_sum));
  return {std::exp(log_p_value), log_p_value / std::log(10.0)};
}

}  // namespace lockstress
