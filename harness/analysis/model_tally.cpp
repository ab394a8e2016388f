#include "harness/analysis/model_tally.hpp"

#include <algorithm>

#include "harness/stats/statistics.hpp"

namespace lockstress {

void ModelTally::add(const TrialEvent& trial, std::int64_t lost) {
  if (!trial.model) return;
  const ModelScheduleFields& fields = *trial.model;
  ScheduleStats& s = schedules_;
  ++s.schedules;
  steps_.push_back(fields.steps);
  switches_.push_back(fields.switches);
  s.max_steps = std::max(s.max_steps, fields.steps);
  s.max_switches = std::max(s.max_switches, fields.switches);
  s.fallbacks += fields.fallbacks > 0 ? 1 : 0;
  const bool reported = trial.runtime_reports > 0 || !trial.report_texts.empty();
  if (lost == 0 && trial.torn_reads == 0 && !reported && !trial.deadlock) return;
  ++s.failing;
  if (s.first_failing.size() >= ScheduleStats::kKeptFailing) return;
  s.first_failing.push_back(FailingSchedule{
      .trial = trial.index,
      .seed = trial.seed,
      .replay_key = fields.replay_key,
      .choices = fields.choices,
      .trace_hash = fields.trace_hash,
      .lost_updates = lost,
      .torn_reads = trial.torn_reads,
      .reports = std::max(trial.runtime_reports, static_cast<int>(trial.report_texts.size())),
      .deadlock = trial.deadlock,
  });
}

std::optional<ScheduleStats> ModelTally::result() const {
  if (schedules_.schedules == 0) return std::nullopt;
  ScheduleStats s = schedules_;
  s.median_steps = describe(steps_).median;
  s.median_switches = describe(switches_).median;
  return s;
}

}  // namespace lockstress
