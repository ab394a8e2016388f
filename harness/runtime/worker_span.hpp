#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

namespace lockstress {

// When one worker ran the workload in one trial: steady-clock timestamps taken right before and
// right after its run(), outside the workload's loop (whose racy body stays one increment). Each
// on a cache line of its own, so that one worker's stamp never moves a line another is using.
struct alignas(64) WorkerSpan {
  std::int64_t start_ns = 0;
  std::int64_t end_ns = 0;
};

inline std::int64_t steady_now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The longest time any two workers were inside the workload at once: over every pair, the
// earlier end minus the later start. Zero or less when no two ever were (then the pair that came
// closest missed by that much): a trial like that tested nothing concurrent. Any pair, not all
// workers: with more workers than CPUs a worker may finish its time slice's work before the last
// one starts, while the others race. One worker: its whole run. Pairs, not a sort: no allocation
// per trial, and 1,024 workers take about a millisecond, far less than their trial.
inline std::int64_t overlap_ns(const std::vector<WorkerSpan>& spans) {
  if (spans.size() < 2) return spans.empty() ? 0 : spans.front().end_ns - spans.front().start_ns;
  std::int64_t longest = INT64_MIN;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    for (std::size_t j = i + 1; j < spans.size(); ++j) {
      longest = std::max(longest, std::min(spans[i].end_ns, spans[j].end_ns) -
                                      std::max(spans[i].start_ns, spans[j].start_ns));
    }
  }
  return longest;
}

}  // namespace lockstress
