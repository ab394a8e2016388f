#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace lockstress {

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
};

}  // namespace lockstress
