#include "harness/stats/fisher.hpp"

#include <algorithm>
#include <cmath>

namespace lockstress {
namespace {

// Past this standard deviation of the hypergeometric (about 4 x 10^10 trials per side), the tails
// come from the normal approximation instead: their exact sums would take more steps than a
// comparison can wait for, log-gamma of such counts has lost the digits that tell neighbouring
// tables apart, and the approximation is then exact to many digits.
constexpr double kExactSd = 1e5;
// A tail's sum stops once its terms fall below this fraction of it.
constexpr double kNegligible = 1e-17;

double log_choose(double n, double k) {
  return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1);
}

// log of the two-sided normal tail beyond `z` >= 0: log(erfc(z / sqrt 2)), from its asymptotic
// series where erfc itself would underflow.
double log_two_sided_normal(double z) {
  const double t = z / std::sqrt(2.0);
  if (t < 25) return std::log(std::erfc(t));
  return -t * t - std::log(t * std::sqrt(M_PI)) + std::log1p(-1 / (2 * t * t));
}

}  // namespace

FisherResult fisher_exact(std::int64_t events1, std::int64_t trials1, std::int64_t events2,
                          std::int64_t trials2) {
  // In doubles: the sums of two 64-bit counts may not fit 64 bits.
  const double events = double(events1) + double(events2);
  const double trials = double(trials1) + double(trials2);
  if (trials1 <= 0 || trials2 <= 0 || events == 0 || events == trials) return {};
  const double n1 = double(trials1);
  const double n2 = double(trials2);
  // The probability of `x` events among the first trials1, given `events` in all.
  const double log_total = log_choose(trials, events);
  auto log_p = [&](double x) { return log_choose(n1, x) + log_choose(n2, events - x) - log_total; };
  const double low = std::max(0.0, events - n2);
  const double high = std::min(events, n1);
  const double x_observed = double(events1);
  const double observed = log_p(x_observed);
  const double tolerance = std::log1p(1e-7);
  const double mean = events * n1 / trials;
  const double sd = std::sqrt(mean * (n2 / trials) * ((trials - events) / (trials - 1)));
  if (sd > kExactSd) {
    const double z = std::max(0.0, std::fabs(x_observed - mean) - 0.5) / sd;
    const double log_p_value = std::min(0.0, log_two_sided_normal(z));
    return {std::exp(log_p_value), log_p_value / std::log(10.0)};
  }
  const double mode = std::clamp(std::floor((events + 1) * (n1 + 1) / (trials + 2)), low, high);
  // The observed table is the likeliest (within R's tolerance): every table is no more likely.
  if (log_p(mode) <= observed + tolerance) return {};

  // The distribution rises to its mode and falls after it: the tables no more likely than the
  // observed one are two tails, the observed table's own and, beyond the mode, the one that
  // starts at the first table as unlikely (found by bisection). Each is summed from its inner
  // end outwards, as exp(log_p(x) - observed): every term is at most 1 (within the tolerance),
  // so the sum neither overflows nor loses a small p, and it stops once terms are negligible.
  const bool left = x_observed < mode;
  double inner = mode, outer = left ? high : low;  // log_p(inner) > observed + tolerance
  if (log_p(outer) > observed + tolerance) {
    outer = left ? high + 1 : low - 1;  // the far side holds no table that unlikely
  } else {
    while (std::fabs(outer - inner) > 1) {
      const double middle = std::floor((inner + outer) / 2);
      (log_p(middle) <= observed + tolerance ? outer : inner) = middle;
    }
  }
  double relative_sum = 0;
  auto sum_tail = [&](double from, double step, double end) {
    for (double x = from; step > 0 ? x <= end : x >= end; x += step) {
      const double term = std::exp(log_p(x) - observed);
      relative_sum += term;
      if (term < kNegligible * relative_sum) break;
    }
  };
  sum_tail(x_observed, left ? -1 : 1, left ? low : high);
  if (left ? outer <= high : outer >= low) sum_tail(outer, left ? 1 : -1, left ? high : low);
  const double log_p_value = std::min(0.0, observed + std::log(relative_sum));
  return {std::exp(log_p_value), log_p_value / std::log(10.0)};
}

}  // namespace lockstress
