#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lockstress {

// One trial as the runner reported it, with the text of every sanitizer report printed during it.
struct TrialEvent {
  std::int64_t index = 0;
  std::uint64_t seed = 0;
  std::int64_t count = 0;
  std::int64_t nanoseconds = 0;
  int runtime_reports = 0;  // counted by the runtime's report hook
  std::vector<std::string> report_texts;
  std::vector<std::int64_t> acquisitions;  // the fairness snapshot; empty unless a lock case
};

// Splits a runner's stderr (harness/protocol.hpp) into trial events, as bytes arrive. It trusts
// nothing: a malformed record, a line cut short at end of stream, or a report never closed leaves
// an error() and stops the parse; nothing it was fed can crash it.
class RunnerStream {
 public:
  explicit RunnerStream(std::function<void(TrialEvent)> on_trial);

  void feed(std::string_view bytes);
  // End of stream: a partial last line or an open report block is an error.
  void finish();

  bool ended() const { return ended_; }
  std::int64_t trials_seen() const { return trials_seen_; }
  const std::optional<std::string>& error() const { return error_; }
  // As the placement record said: how workers were pinned, and each worker's CPU (-1: unpinned).
  const std::string& pin() const { return pin_; }
  const std::vector<int>& worker_cpus() const { return worker_cpus_; }
  // Reports printed after the end record (at exit: thread leaks, say) or before any trial.
  const std::vector<std::string>& reports_outside_trials() const { return outside_; }
  // The last lines that were neither records nor report text, for diagnosing a failed runner.
  const std::deque<std::string>& tail() const { return tail_; }

 private:
  void on_line(std::string_view line);
  void on_record(std::string_view record);
  void fail(std::string message);

  std::function<void(TrialEvent)> on_trial_;
  std::string partial_line_;
  bool in_report_ = false;
  std::string report_;
  std::vector<std::string> pending_reports_;
  std::vector<std::string> outside_;
  std::deque<std::string> tail_;
  std::string pin_;
  std::vector<int> worker_cpus_;
  bool ended_ = false;
  std::int64_t trials_seen_ = 0;
  std::optional<std::string> error_;
};

}  // namespace lockstress
