#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "harness/analysis/model_tally.hpp"
#include "harness/ingest/runner_stream.hpp"
#include "harness/stats/fairness.hpp"
#include "harness/stats/lost_updates.hpp"
#include "harness/summary/measurement.hpp"

namespace lockstress {

// Folds one cell's trial events, as they stream in, into its Measurement:
// counts, lost updates, fairness, and the sanitizer reports parsed and deduplicated by signature.
// It keeps no per-trial data: its memory does not grow with the number of trials.
class CellTally {
 public:
  CellTally(std::int64_t expected_count, std::string source_root);

  void add_trial(const TrialEvent& trial);
  void add_reports_outside_trials(const std::vector<std::string>& texts);
  // Reports printed during trial `index`, which hung or crashed: they name it as their first
  // trial, but it does not count as a trial they appeared in, since it never finished.
  void add_reports_of_unfinished_trial(const std::vector<std::string>& texts, std::int64_t index);

  std::int64_t trials() const { return lost_.trials(); }
  std::int64_t failed_trials() const { return failed_; }
  std::int64_t report_trials() const { return report_trials_; }
  const Overlap& overlap() const { return overlap_; }
  // Trials with at least one report of this kind ("data race", ...).
  std::int64_t trials_with_kind(const std::string& kind) const;

  // What the trials so far measured: counts, lost updates, reports, fairness, overlap and trial
  // time. The run's own facts (trial ranges, placement, faults, wall time, stopping) and the
  // intervals are the caller's to add (run_cell.cpp).
  Measurement measurement() const;

 private:
  // Returns the kinds of the reports in `texts`, after counting them.
  std::vector<std::string> add_reports(const std::vector<std::string>& texts,
                                       std::int64_t trial_index, bool finished);

  std::int64_t expected_count_;
  std::string source_root_;
  LostUpdateTally lost_;
  FairnessTally fairness_;
  Overlap overlap_;
  ModelTally model_;
  std::int64_t failed_ = 0;
  std::int64_t lost_trials_ = 0;
  std::int64_t torn_trials_ = 0;
  std::int64_t torn_reads_ = 0;
  std::int64_t torn_reads_max_ = 0;
  std::int64_t report_trials_ = 0;
  std::int64_t runtime_reports_ = 0;
  std::int64_t dropped_reports_ = 0;
  std::int64_t capped_trials_ = 0;
  std::int64_t parsed_reports_ = 0;
  double trial_seconds_ = 0;
  std::vector<UniqueReport> unique_;  // in order of first appearance
  std::map<std::string, std::size_t> unique_by_signature_;
  std::map<std::string, std::int64_t> trials_by_kind_;
};

}  // namespace lockstress
