#include "harness/runtime/record_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <string>

#include "harness/protocol.hpp"

namespace lockstress {
namespace {

void write_line(const char* line, int length) {
  // stderr is a pipe to the driver; a failed write means the driver is gone, and so is the run.
  if (length > 0) (void)!::write(STDERR_FILENO, line, static_cast<size_t>(length));
}

}  // namespace

void write_trial_record(const TrialRecord& record) {
  char head[256];
  int length = std::snprintf(
      head, sizeof head,
      "%.*s%.*s index=%" PRId64 " seed=%" PRIu64 " count=%" PRId64 " ns=%" PRId64 " reports=%d",
      static_cast<int>(protocol::kPrefix.size()), protocol::kPrefix.data(),
      static_cast<int>(protocol::kTrial.size()), protocol::kTrial.data(), record.index, record.seed,
      record.count, record.nanoseconds, record.runtime_reports);
  std::string line(head, static_cast<std::size_t>(std::clamp(length, 0, int{sizeof head} - 1)));
  for (std::size_t i = 0; i < record.acquisitions.size(); ++i) {
    line += i == 0 ? " acquired=" : ",";
    line += std::to_string(record.acquisitions[i]);
  }
  if (record.overlap_ns) line += " overlap=" + std::to_string(*record.overlap_ns);
  line += '\n';
  write_line(line.data(), static_cast<int>(line.size()));
}

void write_placement_record(std::string_view pin, const std::vector<int>& cpus) {
  std::string line(protocol::kPrefix);
  line.append(protocol::kPlacement).append(" pin=").append(pin).append(" cpus=");
  for (std::size_t i = 0; i < cpus.size(); ++i) {
    if (i > 0) line += ',';
    line += std::to_string(cpus[i]);
  }
  line += '\n';
  write_line(line.data(), static_cast<int>(line.size()));
}

void write_end_record(std::int64_t trials) {
  char line[128];
  int length =
      std::snprintf(line, sizeof line, "%.*s%.*s trials=%" PRId64 "\n",
                    static_cast<int>(protocol::kPrefix.size()), protocol::kPrefix.data(),
                    static_cast<int>(protocol::kEnd.size()), protocol::kEnd.data(), trials);
  write_line(line, length);
}

void write_exception_record(std::int64_t index, std::uint64_t seed, std::string_view what) {
  std::string line(protocol::kPrefix);
  line.append(protocol::kException)
      .append(" index=")
      .append(std::to_string(index))
      .append(" seed=")
      .append(std::to_string(seed))
      .append(" what=");
  for (char c : what.substr(0, 1000)) line += (c == '\n' || c == '\r') ? ' ' : c;
  line += '\n';
  write_line(line.data(), static_cast<int>(line.size()));
}

}  // namespace lockstress
