#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace lockstress {

struct TrialRecord {
  std::int64_t index = 0;
  std::uint64_t seed = 0;
  std::int64_t count = 0;
  std::int64_t nanoseconds = 0;
  int sanitizer_reports = 0;
};

// Each record is written whole, in one write(2) to stderr: the sanitizer writes its reports to the
// same file descriptor, and a single write is never split by another writer. Trial records of the
// plain runner are batched (at most 20 ms, or 16 kB); every other record first writes the batch.
void write_trial_record(const TrialRecord& record);
void write_end_record(std::int64_t trials);
// Where the workers run: `pin` as asked, and each worker's CPU (-1: not pinned).
void write_placement_record(std::string_view pin, const std::vector<int>& cpus);

}  // namespace lockstress
