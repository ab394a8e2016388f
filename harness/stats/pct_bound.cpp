#include "harness/stats/pct_bound.hpp"

#include <algorithm>
#include <cmath>

namespace lockstress {
namespace {

// log(1/(n k^(d-1))).
double log_schedule_probability(std::int64_t threads, std::int64_t steps, int depth) {
  const double n = static_cast<double>(std::max<std::int64_t>(1, threads));
  const double k = static_cast<double>(std::max<std::int64_t>(1, steps));
  const int changes = std::max(1, depth) - 1;
  return -std::log(n) - changes * std::log(k);
}

}  // namespace

double pct_schedule_probability(std::int64_t threads, std::int64_t steps, int depth) {
  return std::exp(log_schedule_probability(threads, steps, depth));
}

double pct_detection_bound(std::int64_t schedules, std::int64_t threads, std::int64_t steps,
                           int depth) {
  if (schedules <= 0) return 0;
  const double p = pct_schedule_probability(threads, steps, depth);
  if (p >= 1) return 1;
  // 1 - (1-p)^N = -expm1(N log1p(-p)): exact where p is below a double's epsilon next to 1.
  return -std::expm1(static_cast<double>(schedules) * std::log1p(-p));
}

}  // namespace lockstress
