#include "harness/runtime/record_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>

#include "harness/protocol.hpp"

namespace lockstress {
namespace {

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LOCKSTRESS_RECORDS_UNBUFFERED 1
#endif
#endif

void write_out(const char* bytes, std::size_t length) {
  // stderr is a pipe to the driver; a failed write means the driver is gone, and so is the run.
  if (length > 0) (void)!::write(STDERR_FILENO, bytes, length);
}

// Trial records are batched: one write(2) per trial wakes the driver on every trial, and on a
// machine whose CPUs all run workers it then takes a CPU from them. A batch is written when it
// is full or 20 ms old, and before any other record. Not in the TSan runner, whose reports must
// arrive between the records of the trials that drew them: there every record is written at once.
class Batch {
 public:
  void add(const char* line, std::size_t length) {
    const auto now = std::chrono::steady_clock::now();
    if (used_ == 0) first_ = now;
    if (used_ + length > sizeof bytes_) flush();
    std::memcpy(bytes_ + used_, line, length);
    used_ += length;
    if (now - first_ >= kMaxAge) flush();
  }
  void flush() {
    write_out(bytes_, used_);
    used_ = 0;
  }

 private:
  static constexpr std::chrono::milliseconds kMaxAge{20};
  char bytes_[16 * 1024];
  std::size_t used_ = 0;
  std::chrono::steady_clock::time_point first_;
};

Batch batch;

void write_line(const char* line, int length) {
  if (length <= 0) return;
#ifdef LOCKSTRESS_RECORDS_UNBUFFERED
  write_out(line, static_cast<std::size_t>(length));
#else
  batch.flush();
  write_out(line, static_cast<std::size_t>(length));
#endif
}

void write_trial_line(const char* line, int length) {
  if (length <= 0) return;
#ifdef LOCKSTRESS_RECORDS_UNBUFFERED
  write_out(line, static_cast<std::size_t>(length));
#else
  batch.add(line, static_cast<std::size_t>(length));
#endif
}

}  // namespace

void write_trial_record(const TrialRecord& record) {
  char line[256];
  int length = std::snprintf(
      line, sizeof line,
      "%.*s%.*s index=%" PRId64 " seed=%" PRIu64 " count=%" PRId64 " ns=%" PRId64 " reports=%d\n",
      static_cast<int>(protocol::kPrefix.size()), protocol::kPrefix.data(),
      static_cast<int>(protocol::kTrial.size()), protocol::kTrial.data(), record.index,
      record.seed, record.count, record.nanoseconds, record.sanitizer_reports);
  write_trial_line(line, std::min(length, static_cast<int>(sizeof line) - 1));
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
  int length = std::snprintf(line, sizeof line, "%.*s%.*s trials=%" PRId64 "\n",
                             static_cast<int>(protocol::kPrefix.size()), protocol::kPrefix.data(),
                             static_cast<int>(protocol::kEnd.size()), protocol::kEnd.data(), trials);
  write_line(line, length);
}

}  // namespace lockstress
