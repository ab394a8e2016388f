#pragma once

#include <cstdint>

namespace lockstress {

struct TrialRecord {
  std::int64_t index = 0;
  std::uint64_t seed = 0;
  std::int64_t count = 0;
  std::int64_t nanoseconds = 0;
  int sanitizer_reports = 0;
};

// Each record is one write(2) of one line to stderr: the sanitizer writes its reports to the same
// file descriptor, and a single write of a short line is never split by another writer.
void write_trial_record(const TrialRecord& record);
void write_end_record(std::int64_t trials);

}  // namespace lockstress
