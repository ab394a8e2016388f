#include "harness/runtime/record_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>
#include <type_traits>

#include "harness/protocol/protocol.hpp"
#include "harness/protocol/record_ring.hpp"

namespace lockstress {
namespace {

RecordRing* ring = nullptr;
// Held while a line is put: two workers whose case threw at once each put an exception record.
std::atomic_flag ring_busy = ATOMIC_FLAG_INIT;

void write_line(const char* line, int length) {
  if (length <= 0) return;
  if (ring != nullptr) {
    while (ring_busy.test_and_set(std::memory_order_acquire)) {
    }
    const bool put = put_record(*ring, std::string_view(line, static_cast<std::size_t>(length)));
    ring_busy.clear(std::memory_order_release);
    if (put) return;  // else a line longer than the ring, which no record is: it goes to stderr
  }
  // stderr is a pipe to the driver; a failed write means the driver is gone, and so is the run.
  (void)!::write(STDERR_FILENO, line, static_cast<size_t>(length));
}

// Appends to a line in a fixed buffer, which a trial record's fixed fields cannot overflow (at
// most 192 bytes of the 255 it has); past the end, text would be cut, never written beyond.
class LineBuffer {
 public:
  LineBuffer(char* begin, char* end) : at_(begin), end_(end) {}
  LineBuffer& operator<<(std::string_view text) {
    const std::size_t n = std::min(text.size(), static_cast<std::size_t>(end_ - at_));
    std::memcpy(at_, text.data(), n);
    at_ += n;
    return *this;
  }
  template <class Int>
  LineBuffer& operator<<(Int value) requires std::is_integral_v<Int> {
    at_ = std::to_chars(at_, end_, value).ptr;
    return *this;
  }
  char* at() const { return at_; }

 private:
  char* at_;
  char* end_;
};

}  // namespace

void use_record_ring(int fd) { ring = map_record_ring(fd); }

// Written once per trial while the other workers wait for the next: formatted with to_chars into
// a buffer on the stack, no allocation unless a lock case's acquisitions need more room.
void write_trial_record(const TrialRecord& record) {
  char head[256];
  LineBuffer line(head, head + sizeof head - 1);
  line << protocol::kPrefix << protocol::kTrial << " index=" << record.index
       << " seed=" << record.seed << " count=" << record.count << " ns=" << record.nanoseconds
       << " reports=" << record.runtime_reports;
  if (record.acquisitions.empty() && !record.model) {
    if (record.overlap_ns) line << " overlap=" << *record.overlap_ns;
    if (record.torn_reads != 0) line << " torn=" << record.torn_reads;
    if (record.dropped_reports != 0) line << " dropped=" << record.dropped_reports;
    if (record.deadlock) line << " deadlock=1";
    *line.at() = '\n';
    write_line(head, static_cast<int>(line.at() + 1 - head));
    return;
  }
  std::string text(head, line.at());
  for (std::size_t i = 0; i < record.acquisitions.size(); ++i) {
    text += i == 0 ? " acquired=" : ",";
    text += std::to_string(record.acquisitions[i]);
  }
  if (record.overlap_ns) text += " overlap=" + std::to_string(*record.overlap_ns);
  if (record.torn_reads != 0) text += " torn=" + std::to_string(record.torn_reads);
  if (record.dropped_reports != 0) text += " dropped=" + std::to_string(record.dropped_reports);
  if (record.deadlock) text += " deadlock=1";
  if (record.model) {
    const ModelScheduleFields& model = *record.model;
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016" PRIx64, model.trace_hash);
    text += " model=" + model.replay_key + " steps=" + std::to_string(model.steps) +
            " switches=" + std::to_string(model.switches) +
            " fallbacks=" + std::to_string(model.fallbacks) + " hash=" + hash;
    if (!model.choices.empty() && model.choices.size() <= ModelScheduleFields::kMaxChoiceChars) {
      text += " choices=" + model.choices;
    }
  }
  text += '\n';
  write_line(text.data(), static_cast<int>(text.size()));
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

void write_model_record(std::string_view strategy, std::string_view memory, int threads,
                        std::int64_t steps, int depth) {
  std::string line(protocol::kPrefix);
  line.append(protocol::kModel)
      .append(" strategy=")
      .append(strategy)
      .append(" memory=")
      .append(memory)
      .append(" threads=")
      .append(std::to_string(threads))
      .append(" steps=")
      .append(std::to_string(steps))
      .append(" depth=")
      .append(std::to_string(depth));
  line += '\n';
  write_line(line.data(), static_cast<int>(line.size()));
}

void write_end_record(std::int64_t trials, bool restart) {
  char line[128];
  int length = std::snprintf(line, sizeof line, "%.*s%.*s trials=%" PRId64 "%s\n",
                             static_cast<int>(protocol::kPrefix.size()), protocol::kPrefix.data(),
                             static_cast<int>(protocol::kEnd.size()), protocol::kEnd.data(), trials,
                             restart ? " restart=1" : "");
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

namespace {

std::string record_head(std::string_view kind) {
  std::string line(protocol::kPrefix);
  return line.append(kind);
}

void write_text(std::string line) {
  line += '\n';
  write_line(line.data(), static_cast<int>(line.size()));
}

}  // namespace

void write_sync_record(std::string_view operation, std::int64_t seen, std::int64_t acquire,
                       std::int64_t release) {
  write_text(record_head(protocol::kSync) + " op=" + protocol::escape_field(operation) +
             " seen=" + std::to_string(seen) + " acquire=" + std::to_string(acquire) +
             " release=" + std::to_string(release));
}

void write_sync_call_record(std::string_view operation, std::string_view object, bool system,
                            std::string_view function) {
  std::string line = record_head(protocol::kSyncCall) + " op=" + protocol::escape_field(operation) +
                     " system=" + (system ? "1" : "0") +
                     " object=" + protocol::escape_field(object) + " function=";
  for (char c : function.substr(0, 1000)) line += (c == '\n' || c == '\r') ? ' ' : c;
  write_text(std::move(line));
}

void write_sync_done_record(const std::vector<std::string>& instrumented_objects) {
  std::string line = record_head(protocol::kSyncDone) + " instrumented=";
  for (std::size_t i = 0; i < instrumented_objects.size(); ++i) {
    if (i > 0) line += ',';
    line += protocol::escape_field(instrumented_objects[i]);
  }
  write_text(std::move(line));
}

}  // namespace lockstress
