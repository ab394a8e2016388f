#pragma once

#include <cstdint>

namespace lockstress {

// What PCT promises of schedules that found nothing (Burckhardt et al., ASPLOS'10): one schedule
// of `threads` threads and `steps` steps, at depth `depth`, finds a given bug of depth <= depth
// with probability >= 1/(n k^(d-1)), so `schedules` independent schedules find it with
// probability >= 1-(1-1/(n k^(d-1)))^N. Computed in logarithms, so that a k^(d-1) past a double's
// range is a tiny probability, not 0 or a NaN. 0 for N = 0; n and k below 1 count as 1, d below
// 1 as 1 (no change point: the highest-priority thread's one schedule, 1/n).
double pct_schedule_probability(std::int64_t threads, std::int64_t steps, int depth);
double pct_detection_bound(std::int64_t schedules, std::int64_t threads, std::int64_t steps,
                           int depth);

}  // namespace lockstress
