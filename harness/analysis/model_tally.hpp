#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "harness/ingest/runner_stream.hpp"
#include "harness/summary/measurement.hpp"

namespace lockstress {

// Folds a model cell's schedules (TrialRecord::model) into its ScheduleStats: steps, hand-offs,
// fallbacks, and the first failing schedules with what replays them. It keeps each schedule's
// steps and switches (16 bytes a schedule) for their exact medians: a model cell runs hundreds
// of schedules, not the millions of trials a stress cell may.
class ModelTally {
 public:
  // `lost`: the trial's lost updates as the cell's tally counted them.
  void add(const TrialEvent& trial, std::int64_t lost);
  // Unset when no trial carried the model's fields (a cell of another variant).
  std::optional<ScheduleStats> result() const;

 private:
  ScheduleStats schedules_;
  std::vector<std::int64_t> steps_;
  std::vector<std::int64_t> switches_;
};

}  // namespace lockstress
