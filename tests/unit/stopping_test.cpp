#include "harness/analysis/stopping.hpp"

#include <gtest/gtest.h>

#include "test_variants.hpp"

namespace lockstress {
namespace {

TrialEvent trial(std::int64_t index, std::int64_t count, std::vector<std::string> reports = {}) {
  TrialEvent e;
  e.index = index;
  e.count = count;
  e.runtime_reports = static_cast<int>(reports.size());
  e.report_texts = std::move(reports);
  return e;
}

const std::string kRace =
    "WARNING: ThreadSanitizer: data race (pid=1)\n"
    "  Write of size 8 at 0x1 by thread T1:\n"
    "    #0 f() /src/a.cpp:3:1 (x+0x1)\n";

// Reference values: Python statistics.NormalDist().inv_cdf, and the formulas in stopping.hpp.
TEST(Statistics, NormalQuantileAndWilsonAtOtherErrors) {
  EXPECT_NEAR(normal_quantile(0.975), 1.959964, 1e-6);
  EXPECT_NEAR(normal_quantile(0.995), 2.575829, 1e-6);
  EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-9);
  const Interval at_1_percent = wilson_interval(10, 100, 0.01);
  EXPECT_NEAR(at_1_percent.low, 0.046026, 1e-5);
  EXPECT_NEAR(at_1_percent.high, 0.203751, 1e-5);
  EXPECT_NEAR(rate_at(0, 64, 0.0125).ci95.high, 0.066178, 1e-5);
  // rate() is rate_at() at 5%.
  EXPECT_DOUBLE_EQ(rate(3, 40).ci95.high, rate_at(3, 40, 0.05).ci95.high);
}

TEST(Stopping, LooksDoubleFromSixteenAndSpendHalfTheErrorLeftEachTime) {
  EXPECT_EQ(look_index(1), 0);
  EXPECT_EQ(look_index(16), 0);
  EXPECT_EQ(look_index(17), 1);
  EXPECT_EQ(look_index(32), 1);
  EXPECT_EQ(look_index(33), 2);
  EXPECT_TRUE(is_look(16));
  EXPECT_TRUE(is_look(64));
  EXPECT_FALSE(is_look(48));
  EXPECT_FALSE(is_look(8));
  const StoppingRule width{.ci_width = 0.1};
  EXPECT_DOUBLE_EQ(interval_alpha(width, 16), 0.025);
  EXPECT_DOUBLE_EQ(interval_alpha(width, 64), 0.00625);
  EXPECT_DOUBLE_EQ(interval_alpha(StoppingRule{}, 64), 0.05);
  // Every look's error, summed, stays within 5%: the intervals hold jointly.
  double spent = 0;
  for (std::int64_t n = kFirstLook; n < (std::int64_t{1} << 40); n *= 2)
    spent += interval_alpha(width, n);
  EXPECT_LE(spent, 0.05);
}

TEST(Stopping, UntilFirstDetectionIsTheExactGeometricInterval) {
  const Rate tenth = until_first_detection(10, 0.05);
  EXPECT_EQ(tenth.events, 1);
  EXPECT_EQ(tenth.trials, 10);
  EXPECT_NEAR(tenth.ci95.low, 0.0025286, 1e-6);
  EXPECT_NEAR(tenth.ci95.high, 0.3362671, 1e-6);
  EXPECT_TRUE(tenth.until_first);
  const Rate first = until_first_detection(1, 0.05);
  EXPECT_NEAR(first.ci95.low, 0.025, 1e-12);
  EXPECT_EQ(first.ci95.high, 1.0);
}

TEST(Stopping, StopOnDetectStopsARaceCellAtItsFirstDetection) {
  const StoppingRule rule{.stop_on_detect = true};
  const Expect race = Expect::race_caught_by({Detector::plain, Detector::tsan});
  CellTally plain(100, "");
  plain.add_trial(trial(0, 100));
  EXPECT_EQ(should_stop(rule, plain, race, testing::kPlain.info()), std::nullopt);
  plain.add_trial(trial(1, 97));
  EXPECT_EQ(should_stop(rule, plain, race, testing::kPlain.info()), StopReason::first_detection);

  CellTally tsan(100, "/src");
  tsan.add_trial(trial(0, 97));  // lost updates are not what the TSan variant detects
  EXPECT_EQ(should_stop(rule, tsan, race, testing::kTsan.info()), std::nullopt);
  tsan.add_trial(trial(1, 100, {kRace}));
  EXPECT_EQ(should_stop(rule, tsan, race, testing::kTsan.info()), StopReason::first_detection);
}

TEST(Stopping, StopOnDetectStopsASafeCellAtItsFirstFailedTrial) {
  const StoppingRule rule{.stop_on_detect = true};
  CellTally plain(100, "");
  plain.add_trial(trial(0, 100));
  EXPECT_EQ(should_stop(rule, plain, Expect::safe, testing::kPlain.info()), std::nullopt);
  plain.add_trial(trial(1, 99));
  EXPECT_EQ(should_stop(rule, plain, Expect::safe, testing::kPlain.info()),
            StopReason::first_failure);
  // Without the rule a failed safe cell runs on.
  EXPECT_EQ(should_stop(StoppingRule{}, plain, Expect::safe, testing::kPlain.info()), std::nullopt);

  // Under TSan a report fails a trial as much as a lost update does.
  CellTally reported(100, "/src");
  reported.add_trial(trial(0, 100));
  EXPECT_EQ(should_stop(rule, reported, Expect::safe, testing::kTsan.info()), std::nullopt);
  reported.add_trial(trial(1, 100, {kRace}));
  EXPECT_EQ(should_stop(rule, reported, Expect::safe, testing::kTsan.info()),
            StopReason::first_failure);
  CellTally lost(100, "/src");
  lost.add_trial(trial(0, 98));
  EXPECT_EQ(should_stop(rule, lost, Expect::safe, testing::kTsan.info()),
            StopReason::first_failure);
}

TEST(Stopping, AFirstFailureGivesTheGeometricIntervalToEachRateWithItsOneEvent) {
  Measurement cell;
  cell.trials = 12;
  cell.failures.events = 0;
  cell.report_trials.events = 1;
  cell.stopped_by = StopReason::first_failure;
  set_intervals(cell, testing::kTsan.info(), Expect::safe);
  EXPECT_TRUE(cell.report_trials.until_first);
  EXPECT_DOUBLE_EQ(cell.report_trials.ci95.high, until_first_detection(12, 0.05).ci95.high);
  EXPECT_FALSE(cell.failures.until_first);
  EXPECT_DOUBLE_EQ(cell.failures.ci95.high, zero_event_upper_bound(12, 0.05));

  cell.failures.events = 1;
  set_intervals(cell, testing::kTsan.info(), Expect::safe);
  EXPECT_TRUE(cell.failures.until_first);
  EXPECT_TRUE(cell.report_trials.until_first);
}

TEST(Stopping, CiWidthStopsOnlyAtALookOnceEveryIntervalIsNarrow) {
  const StoppingRule rule{.ci_width = 0.2};
  CellTally tally(100, "");
  for (int i = 0; i < 64; ++i) {
    tally.add_trial(trial(i, 100));
    const std::optional<StopReason> stop =
        should_stop(rule, tally, Expect::safe, testing::kPlain.info());
    // 0 of n: the bound at look j is 1 - a_j^(1/n); below 0.2 first at 32 trials.
    if (tally.trials() < 32) EXPECT_EQ(stop, std::nullopt) << tally.trials();
    if (tally.trials() == 32) EXPECT_EQ(stop, StopReason::ci_width);
    if (tally.trials() == 33) EXPECT_EQ(stop, std::nullopt);
  }
}

TEST(Stopping, SetIntervalsUsesTheRuleTheCellRanUnder) {
  const DetectorInfo& plain = testing::kPlain.info();
  Measurement cell;
  cell.trials = 12;
  cell.failures.events = 1;
  cell.report_trials.events = 0;
  set_intervals(cell, plain, Expect::safe);
  EXPECT_FALSE(cell.failures.until_first);
  EXPECT_DOUBLE_EQ(cell.failures.ci95.low, wilson_interval(1, 12).low);

  cell.stopped_by = StopReason::first_detection;
  set_intervals(cell, plain, Expect::safe);
  EXPECT_TRUE(cell.failures.until_first);
  EXPECT_DOUBLE_EQ(cell.failures.ci95.high, until_first_detection(12, 0.05).ci95.high);

  cell.stopped_by = StopReason::ci_width;
  cell.interval_alpha = 0.0125;
  set_intervals(cell, plain, Expect::safe);
  EXPECT_DOUBLE_EQ(cell.failures.ci95.high, wilson_interval(1, 12, 0.0125).high);
  EXPECT_DOUBLE_EQ(cell.report_trials.ci95.high, zero_event_upper_bound(12, 0.0125));
}

TEST(Stopping, AModelCellsFirstDetectionOfLostUpdatesGivesTheFailureRateTheGeometricInterval) {
  // The model names an expected report (deadlock) only where the case does; a race declared as
  // lost updates was detected by a lost update, and its report rate stays as counted.
  const Expect lost = Expect::race_caught_by_both().caught_by_model_too();
  Measurement cell;
  cell.trials = 12;
  cell.failures.events = 1;
  cell.report_trials.events = 1;  // a data race drawn beside the lost update
  cell.stopped_by = StopReason::first_detection;
  set_intervals(cell, testing::kModel.info(), lost);
  EXPECT_TRUE(cell.failures.until_first);
  EXPECT_FALSE(cell.report_trials.until_first);

  const Expect deadlock = Expect::race_caught_by_both().caught_by_model_too("deadlock");
  cell.failures.events = 1;
  cell.report_trials.events = 1;
  set_intervals(cell, testing::kModel.info(), deadlock);
  EXPECT_TRUE(cell.report_trials.until_first);
  EXPECT_FALSE(cell.failures.until_first);
}

TEST(Stopping, TheRuleAndWhatItDoesToIntervalsAreStated) {
  EXPECT_EQ(rule_text(StoppingRule{}), "fixed: every cell runs the trials asked");
  const StoppingRule all{.duration_seconds = 30, .ci_width = 0.05, .stop_on_detect = true};
  EXPECT_EQ(rule_text(all),
            "time budget 30 s split across cells; stop a cell once its 95% intervals are narrower "
            "than 5.0% (looks after 16, 32, 64, ... trials); stop a race cell at its first "
            "detection, a safe cell at its first failed trial");
  const std::string note = interval_note(all);
  EXPECT_NE(note.find("jointly over every look"), std::string::npos);
  EXPECT_NE(note.find("geometric"), std::string::npos);
  EXPECT_NE(note.find("fixed-n intervals stand"), std::string::npos);
}

}  // namespace
}  // namespace lockstress
