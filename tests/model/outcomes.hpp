#pragma once

#include <functional>
#include <set>
#include <string>

#include "sanitizers/model/model.hpp"

namespace lockstress::model::testing {

// The outcomes of `schedules` schedules (seeds 1..schedules) of one small program: `reset` runs
// before each, outside the schedule; `body` is each thread's work; `outcome` reads the result.
inline std::set<std::string> outcomes(Options options, int schedules, int threads,
                                      const std::function<void()>& reset,
                                      const std::function<void(int)>& body,
                                      const std::function<std::string()>& outcome) {
  std::set<std::string> seen;
  options.keep_events = false;
  for (int seed = 1; seed <= schedules; ++seed) {
    options.seed = static_cast<std::uint64_t>(seed);
    reset();
    ScheduleResult result = run_schedule(options, threads, body);
    if (!result.completed()) return {"schedule did not complete: " + result.error};
    seen.insert(outcome());
  }
  return seen;
}

inline Options with(Strategy strategy, Memory memory, std::int64_t pct_steps = 12) {
  Options options;
  options.strategy = strategy;
  options.memory = memory;
  options.pct_steps = pct_steps;
  return options;
}

}  // namespace lockstress::model::testing
