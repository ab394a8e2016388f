#include "harness/analysis/cell_tally.hpp"

#include <gtest/gtest.h>

#include "test_data.hpp"

namespace lockstress {
namespace {

using testing::read_test_data;

TrialEvent trial(std::int64_t index, std::int64_t count, std::vector<std::string> reports = {}) {
  TrialEvent e;
  e.index = index;
  e.count = count;
  e.nanoseconds = 1'000'000;
  e.runtime_reports = static_cast<int>(reports.size());
  e.report_texts = std::move(reports);
  return e;
}

TEST(CellTally, CountsFailedTrialsAndLostUpdates) {
  CellTally tally(100, "");
  tally.add_trial(trial(0, 100));
  tally.add_trial(trial(1, 90));
  tally.add_trial(trial(2, 70));
  tally.add_trial(trial(3, 100));
  const Measurement cell = tally.measurement();
  EXPECT_EQ(cell.trials, 4);
  EXPECT_EQ(cell.failures.events, 2);
  EXPECT_DOUBLE_EQ(cell.lost_updates.mean, 10);
  EXPECT_DOUBLE_EQ(cell.lost_updates.median, 5);
  EXPECT_EQ(cell.lost_updates.max, 30);
  EXPECT_NEAR(cell.trial_seconds, 0.004, 1e-12);
}

// A deadlocked schedule's count is where its threads stopped; its report is the finding.
// A model cell's schedules: exact medians and maxima, fallbacks counted, the first failing
// schedules kept with their replay data (lost updates, a race, a deadlock), no more than 5.
TEST(CellTally, KeepsTheModelsSchedulesAndTheFirstFailingOnesReplayData) {
  CellTally tally(6, "");
  for (std::int64_t i = 0; i < 9; ++i) {
    TrialEvent t = trial(i, i % 2 == 0 ? 6 : 5);
    t.seed = 100 + static_cast<std::uint64_t>(i);
    t.model = ModelScheduleFields{"pct/c11/d3/k40/s" + std::to_string(100 + i),
                                  10 * (i + 1),
                                  i,
                                  i == 4 ? 1 : 0,
                                  0xabc0u + static_cast<std::uint64_t>(i),
                                  "0*9." + std::to_string(i)};
    if (i == 2) t.deadlock = true;
    tally.add_trial(t);
  }
  tally.add_trial(trial(9, 6));  // no model fields: counted as a trial, not a schedule
  const Measurement cell = tally.measurement();
  ASSERT_TRUE(cell.schedule_stats);
  const ScheduleStats& m = *cell.schedule_stats;
  EXPECT_EQ(m.schedules, 9);
  EXPECT_EQ(m.median_steps, 50.0);
  EXPECT_EQ(m.median_switches, 4.0);
  EXPECT_EQ(m.max_steps, 90);
  EXPECT_EQ(m.max_switches, 8);
  EXPECT_EQ(m.fallbacks, 1);
  EXPECT_EQ(m.failing, 5);  // trials 1, 3, 5, 7 lost an update; 2 deadlocked
  ASSERT_EQ(m.first_failing.size(), 5u);
  EXPECT_EQ(m.first_failing[0].trial, 1);
  EXPECT_EQ(m.first_failing[0].lost_updates, 1);
  EXPECT_EQ(m.first_failing[0].replay_key, "pct/c11/d3/k40/s101");
  EXPECT_EQ(m.first_failing[0].choices, "0*9.1");
  EXPECT_EQ(m.first_failing[0].trace_hash, 0xabc1u);
  EXPECT_EQ(m.first_failing[0].seed, 101u);
  EXPECT_TRUE(m.first_failing[1].deadlock);
  EXPECT_EQ(m.first_failing[1].lost_updates, 0);
  EXPECT_EQ(m.first_failing[4].trial, 7);
  EXPECT_FALSE(CellTally(6, "").measurement().schedule_stats);
}

TEST(CellTally, ADeadlockedTrialLosesNoUpdate) {
  CellTally tally(100, "");
  TrialEvent stuck = trial(0, 40);
  stuck.deadlock = true;
  tally.add_trial(stuck);
  tally.add_trial(trial(1, 100));
  const Measurement cell = tally.measurement();
  EXPECT_EQ(cell.trials, 2);
  EXPECT_EQ(cell.failures.events, 0);
  EXPECT_EQ(cell.lost_updates.max, 0);
}

TEST(CellTally, CountsTheReportsDroppedPastTheCapAndTheTrialsThatReachedIt) {
  CellTally tally(100, "");
  TrialEvent capped = trial(0, 100);
  capped.runtime_reports = 100;
  capped.dropped_reports = 7;
  tally.add_trial(capped);
  tally.add_trial(trial(1, 100));
  capped.index = 2;
  capped.dropped_reports = 1;
  tally.add_trial(capped);
  const Measurement cell = tally.measurement();
  EXPECT_EQ(cell.dropped_reports, 8);
  EXPECT_EQ(cell.capped_trials, 2);
  EXPECT_EQ(cell.runtime_reports, 200);
  EXPECT_EQ(cell.report_trials.events, 2);
}

TEST(CellTally, DeduplicatesReportsBySignatureAndCountsTrialsOnce) {
  const std::string race = read_test_data("tsan_clang_data_race_global.txt");
  const std::string inversion = read_test_data("tsan_clang_lock_order_inversion.txt");
  CellTally tally(10, "/tmp/probe");
  tally.add_trial(trial(0, 10, {race, race, race}));
  tally.add_trial(trial(1, 10));
  tally.add_trial(trial(2, 10, {race, inversion}));
  const Measurement cell = tally.measurement();

  EXPECT_EQ(cell.report_trials.events, 2);
  EXPECT_EQ(cell.parsed_reports, 5);
  EXPECT_EQ(cell.runtime_reports, 5);
  ASSERT_EQ(cell.unique_reports.size(), 2u);
  const UniqueReport& first = cell.unique_reports[0];
  EXPECT_EQ(first.kind, "data race");
  EXPECT_EQ(first.trials, 2);
  EXPECT_EQ(first.occurrences, 4);
  EXPECT_EQ(first.first_trial, 0);
  EXPECT_EQ(first.example, race);
  EXPECT_EQ(cell.unique_reports[1].kind, "lock-order-inversion");
  EXPECT_EQ(cell.unique_reports[1].first_trial, 2);

  ASSERT_EQ(cell.report_kinds.size(), 2u);
  EXPECT_EQ(cell.report_kinds[0].kind, "data race");
  EXPECT_EQ(cell.report_kinds[0].trials, 2);
  EXPECT_EQ(cell.report_kinds[1].trials, 1);
}

TEST(CellTally, KeepsUnreadableAndOutsideReports) {
  CellTally tally(10, "");
  tally.add_trial(trial(0, 10, {"garbage without a warning line\n"}));
  tally.add_reports_outside_trials({read_test_data("tsan_gcc_data_race_global.txt")});
  const Measurement cell = tally.measurement();
  ASSERT_EQ(cell.unique_reports.size(), 2u);
  EXPECT_EQ(cell.unique_reports[0].kind, "unreadable report");
  EXPECT_EQ(cell.unique_reports[1].first_trial, -1);
  EXPECT_EQ(cell.unique_reports[1].trials, 0);
  EXPECT_EQ(cell.report_trials.events, 1);
}

// A report printed during a trial that hung or crashed names that trial, but the trial, which
// never finished, is not counted among the trials the report appeared in.
TEST(CellTally, ReportsOfAnUnfinishedTrialNameItWithoutCountingIt) {
  CellTally tally(100, "");
  tally.add_trial(trial(0, 100));
  tally.add_reports_of_unfinished_trial({read_test_data("tsan_clang_data_race_global.txt")}, 1);
  const Measurement cell = tally.measurement();
  EXPECT_EQ(cell.trials, 1);
  EXPECT_EQ(cell.report_trials.events, 0);
  EXPECT_EQ(cell.parsed_reports, 1);
  ASSERT_EQ(cell.unique_reports.size(), 1u);
  EXPECT_EQ(cell.unique_reports[0].first_trial, 1);
  EXPECT_EQ(cell.unique_reports[0].trials, 0);
  EXPECT_EQ(cell.unique_reports[0].occurrences, 1);
}

}  // namespace
}  // namespace lockstress
