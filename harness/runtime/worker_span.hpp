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

// How long every worker ran at once: the earliest end minus the latest start. Zero or less when
// some worker began only after another had finished (by that much); a trial like that tested
// nothing concurrent. One worker: its whole run.
inline std::int64_t overlap_ns(const std::vector<WorkerSpan>& spans) {
  if (spans.empty()) return 0;
  std::int64_t last_start = spans.front().start_ns;
  std::int64_t first_end = spans.front().end_ns;
  for (const WorkerSpan& span : spans) {
    last_start = std::max(last_start, span.start_ns);
    first_end = std::min(first_end, span.end_ns);
  }
  return first_end - last_start;
}

}  // namespace lockstress
