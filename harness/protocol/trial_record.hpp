#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lockstress {

// What a model runner's trial (one schedule) was, beside its count: enough to name it, to replay
// it (docs/model.md, "Replay") and to say how hard the scheduler worked.
struct ModelScheduleFields {
  // model::replay_key: "pct/c11/d3/k100/s42" (strategy, memory, PCT's depth and k, the seed).
  std::string replay_key;
  std::int64_t steps = 0;      // switch points passed
  std::int64_t switches = 0;   // hand-offs of the CPU
  std::int64_t fallbacks = 0;  // 1: the step cap made the schedule fair (round-robin)
  std::uint64_t trace_hash = 0;
  // model::encode_choices: replays the schedule without its strategy; empty when longer than
  // kMaxChoiceChars (the seed still replays it).
  std::string choices;
  static constexpr std::size_t kMaxChoiceChars = 4096;
};

// One trial as its record carries it (the `trial` line of harness/protocol/protocol.hpp): filled in by the
// runner, read back by the driver.
struct TrialRecord {
  std::int64_t index = 0;
  std::uint64_t seed = 0;
  std::int64_t count = 0;  // the counter when the trial ended
  std::int64_t nanoseconds = 0;
  int runtime_reports = 0;  // sanitizer reports counted by the runtime's report hook
  int dropped_reports = 0;  // past protocol::kReportsPerTrial: counted, never printed
  // Each thread's acquisitions while every thread ran (Workload::acquisitions; lock cases only).
  std::vector<std::int64_t> acquisitions;
  // The longest time any two workers ran the workload at once (harness/runtime/worker_span.hpp);
  // zero or less: no two ever did. nullopt in a record that does not carry it (an older runner).
  std::optional<std::int64_t> overlap_ns;
  // Reads that saw a half-written pair (Workload::torn_reads); 0 for a workload that only counts.
  std::int64_t torn_reads = 0;
  // The trial could not finish: no thread could go on (the model's schedules only). Its count is
  // where the threads stopped, not an update lost.
  bool deadlock = false;
  // The model runner's schedule; unset in every other runner's record.
  std::optional<ModelScheduleFields> model;
};

}  // namespace lockstress
