#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/ingest/matched_suppressions.hpp"
#include "harness/ingest/model_schedules.hpp"
#include "harness/protocol/sync_probe.hpp"
#include "harness/protocol/trial_record.hpp"

namespace lockstress {

// One trial as the runner reported it, with the text of every sanitizer report printed during it.
struct TrialEvent : TrialRecord {
  std::vector<std::string> report_texts;
};

// The case threw out of a trial (the runner's exception record).
struct CaseException {
  std::int64_t index = 0;
  std::uint64_t seed = 0;
  std::string what;
};

// Splits a runner's stderr (harness/protocol/protocol.hpp) into trial events, as bytes arrive. It
// trusts nothing: a malformed record, trials out of order, a count outside 0..max_count, or a line
// cut short at end of stream leaves an error() and stops the parse; nothing it was fed can crash
// it.
class RunnerStream {
 public:
  // The runner was asked to start at trial `first_trial`; no trial can count more than `max_count`.
  explicit RunnerStream(std::function<void(TrialEvent)> on_trial, std::int64_t first_trial = 0,
                        std::int64_t max_count = INT64_MAX);

  void feed(std::string_view bytes);
  // Whole lines of records that came apart from stderr, from the memory a runner shares
  // (harness/protocol/record_ring.hpp): stderr's last line may be unfinished, these never are.
  void feed_records(std::string_view lines);
  // The protocol broke outside the stream (the shared records are in a state no runner leaves).
  void fail(std::string message);
  // End of stream: a partial last line or an open report block is an error.
  void finish();

  bool ended() const { return ended_; }
  // The end record asked for another runner to go on at the next trial (protocol.hpp).
  bool restart_asked() const { return restart_; }
  std::int64_t trials_seen() const { return trials_seen_; }
  const std::optional<std::string>& error() const { return error_; }
  const std::optional<CaseException>& exception() const { return exception_; }
  // The first "ERROR: ThreadSanitizer: ..." or "FATAL: ...Sanitizer..." line outside any report
  // block, without its "==pid==" prefix: how a sanitizer says it is dying (a deadly signal, a
  // runtime that cannot start).
  const std::optional<std::string>& sanitizer_error() const { return sanitizer_error_; }
  // Report blocks seen, in trials or not, finished or not.
  std::int64_t report_blocks() const { return report_blocks_; }
  // Reports printed during the trial that was running when the stream ended (its record never
  // came): the trial hung or crashed. finish() moves them here.
  const std::vector<std::string>& reports_of_unfinished_trial() const { return unfinished_; }
  // As the placement record said: how workers were pinned, and each worker's CPU (-1: unpinned).
  const std::string& pin() const { return pin_; }
  const std::vector<int>& worker_cpus() const { return worker_cpus_; }
  // As the model record said (the model runner's only).
  const std::optional<ModelSchedules>& model_schedules() const { return model_; }
  // What the sync probe saw of the case's lock, once its records were complete (sync-done).
  const std::optional<SyncProbe>& sync_probe() const { return sync_; }
  // Reports printed after the end record (at exit: thread leaks, say) or before any trial.
  const std::vector<std::string>& reports_outside_trials() const { return outside_; }
  // The last lines that were neither records nor report text, for diagnosing a failed runner.
  const std::deque<std::string>& tail() const { return tail_; }
  // The suppressions that matched reports, as TSan listed them at exit (print_suppressions);
  // empty when none matched, or the runner never got to exit.
  const std::vector<SuppressionMatch>& matched_suppressions() const {
    return suppressions_.matches();
  }

 private:
  void on_line(std::string_view line);
  void on_record_line(std::string_view line);  // a line starting with the protocol's prefix
  void on_record(std::string_view record);
  void on_sync_record(std::string_view type, std::string_view fields);

  std::function<void(TrialEvent)> on_trial_;
  std::int64_t first_trial_ = 0;
  std::int64_t max_count_ = 0;
  std::string partial_line_;
  bool in_report_ = false;
  std::string report_;
  std::vector<std::string> pending_reports_;
  std::vector<std::string> outside_;
  std::deque<std::string> tail_;
  std::string pin_;
  std::vector<int> worker_cpus_;
  std::optional<ModelSchedules> model_;
  bool ended_ = false;
  bool restart_ = false;
  bool records_apart_ = false;  // records came by feed_records: none may come on stderr
  std::int64_t trials_seen_ = 0;
  std::optional<std::string> error_;
  std::optional<CaseException> exception_;
  std::optional<std::string> sanitizer_error_;
  std::int64_t report_blocks_ = 0;
  std::vector<std::string> unfinished_;
  std::optional<SyncProbe> sync_building_;  // between the first sync record and sync-done
  std::optional<SyncProbe> sync_;
  MatchedSuppressionsReader suppressions_;
};

}  // namespace lockstress
