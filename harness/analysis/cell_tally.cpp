#include "harness/analysis/cell_tally.hpp"

#include <algorithm>
#include <cstdint>
#include <set>

namespace lockstress {
namespace {

// A block TSan delimited but that holds no report we can read: still a report, never dropped.
constexpr const char* kUnreadableKind = "unreadable report";

}  // namespace

CellTally::CellTally(std::int64_t expected_count, std::string source_root)
    : expected_count_(expected_count), source_root_(std::move(source_root)) {}

void CellTally::add_trial(const TrialEvent& trial) {
  // A deadlocked trial's count is where its threads stopped: its report says what happened.
  const std::int64_t lost = trial.deadlock ? 0 : expected_count_ - trial.count;
  lost_.add(lost);
  if (lost != 0 || trial.torn_reads > 0) ++failed_;
  if (lost != 0) ++lost_trials_;
  if (trial.torn_reads > 0) {
    ++torn_trials_;
    // Saturating: the runner's records are trusted in nothing.
    torn_reads_ =
        trial.torn_reads > INT64_MAX - torn_reads_ ? INT64_MAX : torn_reads_ + trial.torn_reads;
    torn_reads_max_ = std::max(torn_reads_max_, trial.torn_reads);
  }
  fairness_.add(trial.index, trial.acquisitions);
  overlap_.add(trial.overlap_ns);
  model_.add(trial, lost);
  trial_seconds_ += static_cast<double>(trial.nanoseconds) * 1e-9;
  runtime_reports_ += trial.runtime_reports;
  if (trial.runtime_reports > 0 || trial.dropped_reports > 0 || !trial.report_texts.empty()) {
    ++report_trials_;
  }
  if (trial.dropped_reports > 0) {
    dropped_reports_ += trial.dropped_reports;
    ++capped_trials_;
  }

  std::vector<std::string> kinds = add_reports(trial.report_texts, trial.index, true);
  std::sort(kinds.begin(), kinds.end());
  kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
  for (const std::string& kind : kinds) ++trials_by_kind_[kind];
}

std::int64_t CellTally::trials_with_kind(const std::string& kind) const {
  auto it = trials_by_kind_.find(kind);
  return it == trials_by_kind_.end() ? 0 : it->second;
}

void CellTally::add_reports_outside_trials(const std::vector<std::string>& texts) {
  add_reports(texts, -1, false);
}

void CellTally::add_reports_of_unfinished_trial(const std::vector<std::string>& texts,
                                                std::int64_t index) {
  add_reports(texts, index, false);
}

std::vector<std::string> CellTally::add_reports(const std::vector<std::string>& texts,
                                                std::int64_t trial_index, bool finished) {
  std::vector<std::string> kinds;
  std::set<std::size_t> seen_in_this_trial;
  for (const std::string& text : texts) {
    ++parsed_reports_;
    std::optional<SanitizerReport> report = parse_tsan_report(text, source_root_);
    if (!report) report = SanitizerReport{kUnreadableKind, {}, text};
    kinds.push_back(report->kind);
    const std::string key = signature(*report);
    auto [it, inserted] = unique_by_signature_.try_emplace(key, unique_.size());
    if (inserted) {
      unique_.push_back(UniqueReport{report->kind, report->locations, 0, 0, trial_index, text});
    }
    UniqueReport& unique = unique_[it->second];
    ++unique.occurrences;
    if (finished && seen_in_this_trial.insert(it->second).second) ++unique.trials;
  }
  return kinds;
}

Measurement CellTally::measurement() const {
  Measurement m;
  m.trials = lost_.trials();
  m.failures = rate(failed_, m.trials);
  m.lost_updates = lost_.describe();
  m.lost_median_bounds = lost_.median_bounds();
  m.lost_histogram = lost_.histogram();
  m.report_trials = rate(report_trials_, m.trials);
  for (const auto& [kind, count] : trials_by_kind_) m.report_kinds.push_back({kind, count});
  m.runtime_reports = runtime_reports_;
  m.dropped_reports = dropped_reports_;
  m.capped_trials = capped_trials_;
  m.parsed_reports = parsed_reports_;
  m.unique_reports = unique_;
  m.trial_seconds = trial_seconds_;
  m.overlap = overlap_;
  m.lost_trials = lost_trials_;
  m.torn_trials = torn_trials_;
  m.torn_reads = torn_reads_;
  m.torn_reads_max = torn_reads_max_;
  m.schedule_stats = model_.result();
  if (fairness_.any()) m.fairness = fairness_.fairness();
  return m;
}

}  // namespace lockstress
