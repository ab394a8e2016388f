#include "harness/analysis/grading.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "lockstress/case.hpp"
#include "test_variants.hpp"

namespace lockstress {
namespace {

using namespace finding;

const Expect kRaceBoth = Expect::race_caught_by({Detector::plain, Detector::tsan});
// The model among a race's detectors: by lost updates by default, by a report when one is named.
TEST(Expect, CaughtByModelTooAddsTheModelInDetectorOrder) {
  const Expect e = Expect::race_caught_by_tsan_only("why", "lock-order-inversion")
                       .caught_by_model_too("deadlock");
  EXPECT_EQ(e.caught_by, (std::vector<Detector>{Detector::tsan, Detector::model}));
  EXPECT_EQ(e.tsan_report, "lock-order-inversion");
  EXPECT_EQ(e.model_report, "deadlock");
  EXPECT_EQ(e.blind_spot, "why");
  EXPECT_TRUE(e.must_be_caught_by(Detector::model));
  EXPECT_EQ(expected_report(detector_info(Detector::model), e), "deadlock");
  EXPECT_EQ(expected_report(detector_info(Detector::model), kRaceBoth.caught_by_model_too()), "");
  EXPECT_EQ(expected_report(detector_info(Detector::plain), e), "");
}

const Expect kRacePlainOnly =
    Expect::race_caught_by({Detector::plain}, "not a data race: the accesses are atomic");

CellResult cell(std::string name, Variant variant, Expect expect, std::int64_t failed,
                std::int64_t data_race_trials, std::int64_t trials = 100) {
  CellResult c;
  c.plan.case_name = std::move(name);
  c.plan.variant = variant;
  c.plan.expect = std::move(expect);
  c.plan.threads = 2;
  c.plan.iterations = 1000;
  c.measured.trials = trials;
  c.measured.failures = rate(failed, trials);
  c.measured.report_trials = rate(data_race_trials, trials);
  if (data_race_trials > 0) {
    c.measured.report_kinds.push_back({"data race", data_race_trials});
    c.measured.unique_reports.push_back(UniqueReport{
        "data race", {{"f()", "a.cpp", 3, 1}}, data_race_trials, data_race_trials, 0, "text"});
    c.measured.runtime_reports = c.measured.parsed_reports = data_race_trials;
  }
  return c;
}

Grade grade(const CellResult& c, std::optional<bool> control_detected) {
  return grade_cell(c.plan, c.measured, control_detected);
}

TEST(Grading, SafeCasePassesWhenCleanAndTheControlWasDetected) {
  const Grade g = grade(cell("locked", testing::kPlain, Expect::safe, 0, 0, 200), true);
  EXPECT_EQ(g.verdict, Verdict::pass);
  const NoneSeen* none = g.find<NoneSeen>();
  ASSERT_TRUE(none);
  EXPECT_EQ(none->symptom, Symptom::lost_update);
  EXPECT_EQ(none->trials, 200);
  EXPECT_NEAR(none->bound, 0.0149, 0.0001);  // 1 - 0.05^(1/200)
  EXPECT_EQ(g.findings.size(), 1u);          // plain reads no reports
}

TEST(Grading, ASafeTsanCellBoundsItsReportsToo) {
  const Grade g = grade(cell("locked", testing::kTsan, Expect::safe, 0, 0, 200), true);
  ASSERT_EQ(g.findings.size(), 2u);
  EXPECT_EQ(std::get<NoneSeen>(g.findings[1]).symptom, Symptom::sanitizer_report);
}

ModelSchedules pct_schedules(std::int64_t steps) {
  return ModelSchedules{"pct", "c11", 2, steps, 3, ""};
}

TEST(Grading, ACleanModelCellStatesPctsBoundWithNAndKAsMeasured) {
  CellResult c = cell("locked", testing::kModel, Expect::safe, 0, 0, 300);
  c.measured.model = pct_schedules(10);
  const Grade g = grade(c, true);
  EXPECT_EQ(g.verdict, Verdict::pass);
  const PctBound* bound = g.find<PctBound>();
  ASSERT_TRUE(bound);
  EXPECT_EQ(bound->schedules, 300);
  EXPECT_EQ(bound->threads, 2);
  EXPECT_EQ(bound->steps, 10);
  EXPECT_EQ(bound->depth, 3);
  EXPECT_NEAR(bound->probability, 1 - std::pow(1 - 1.0 / 200, 300), 1e-12);
}

TEST(Grading, AModelCellStatesNoBoundUnderARandomWalkNorWhenItsSchedulesDisagree) {
  CellResult c = cell("locked", testing::kModel, Expect::safe, 0, 0, 300);
  c.measured.model = pct_schedules(10);
  c.measured.model->strategy = "random";
  Grade g = grade(c, true);
  EXPECT_FALSE(g.find<PctBound>());
  ASSERT_TRUE(g.find<NoPctBound>());
  EXPECT_EQ(g.find<NoPctBound>()->cause, NoPctBound::Cause::not_pct);

  c.measured.model = pct_schedules(10);
  add_schedules(*c.measured.model, pct_schedules(12), "runs");
  g = grade(c, true);
  ASSERT_TRUE(g.find<NoPctBound>());
  EXPECT_EQ(g.find<NoPctBound>()->cause, NoPctBound::Cause::schedules_differ);
}

TEST(Grading, OnlyACleanModelCellStatesABound) {
  CellResult failed = cell("locked", testing::kModel, Expect::safe, 3, 0, 300);
  failed.measured.model = pct_schedules(10);
  EXPECT_FALSE(grade(failed, true).find<PctBound>());
  CellResult plain = cell("locked", testing::kPlain, Expect::safe, 0, 0, 300);
  EXPECT_FALSE(grade(plain, true).find<PctBound>());
  EXPECT_FALSE(grade(plain, true).find<NoPctBound>());
}

TEST(Grading, SafeCaseIsInconclusiveWhenTheControlWasNotDetected) {
  const Grade g = grade(cell("locked", testing::kPlain, Expect::safe, 0, 0), false);
  EXPECT_EQ(g.verdict, Verdict::inconclusive);
  ASSERT_TRUE(g.find<ControlUndetected>());
  EXPECT_TRUE(g.find<ControlUndetected>()->ran);
  const Grade alone = grade(cell("locked", testing::kPlain, Expect::safe, 0, 0), std::nullopt);
  EXPECT_EQ(alone.verdict, Verdict::inconclusive);
  EXPECT_FALSE(alone.find<ControlUndetected>()->ran);
}

TEST(Grading, SafeCaseFailsOnALostUpdateOrAReportWhateverTheControl) {
  for (std::optional<bool> control : {std::optional<bool>(true), std::optional<bool>(false)}) {
    const Grade lost = grade(cell("locked", testing::kPlain, Expect::safe, 1, 0), control);
    EXPECT_EQ(lost.verdict, Verdict::fail);
    ASSERT_TRUE(lost.find<LostUpdates>());
    EXPECT_EQ(lost.find<LostUpdates>()->trials, 1);
  }
  const Grade g = grade(cell("locked", testing::kTsan, Expect::safe, 0, 3), true);
  EXPECT_EQ(g.verdict, Verdict::fail);
  ASSERT_TRUE(g.find<Reported>());
  EXPECT_EQ(g.find<Reported>()->index, 0u);
  EXPECT_FALSE(g.find<NoneSeen>());
}

TEST(Grading, RaceCasePassesInEachVariantThatCaughtIt) {
  const Grade plain = grade(cell("r", testing::kPlain, kRaceBoth, 40, 0), true);
  EXPECT_EQ(plain.verdict, Verdict::pass);
  ASSERT_TRUE(plain.find<Caught>());
  EXPECT_TRUE(plain.find<Caught>()->required);
  EXPECT_EQ(plain.find<Caught>()->trials, 40);
  const Grade tsan = grade(cell("r", testing::kTsan, kRaceBoth, 0, 100), true);
  EXPECT_EQ(tsan.verdict, Verdict::pass);
  EXPECT_EQ(tsan.find<Caught>()->trials, 100);
}

TEST(Grading, RaceCaseMissedByAnExpectedDetectorFails) {
  // 50 trials lost updates under TSan, but TSan's symptom is the report, which never came.
  const Grade g = grade(cell("r", testing::kTsan, kRaceBoth, 50, 0), true);
  EXPECT_EQ(g.verdict, Verdict::fail);
  ASSERT_TRUE(g.find<Missed>());
  EXPECT_EQ(g.find<Missed>()->trials, 100);
  EXPECT_FALSE(g.find<ControlMissedToo>());
}

TEST(Grading, RaceCaseMissedWhereTheControlWasMissedTooIsInconclusive) {
  const Grade g = grade(cell("r", testing::kPlain, kRaceBoth, 0, 0), false);
  EXPECT_EQ(g.verdict, Verdict::inconclusive);
  EXPECT_TRUE(g.find<Missed>());
  EXPECT_TRUE(g.find<ControlMissedToo>());
}

TEST(Grading, TheControlItselfMissedIsInconclusiveNotFail) {
  const Grade g = grade(cell(kControlCase, testing::kPlain, kRaceBoth, 0, 0), false);
  EXPECT_EQ(g.verdict, Verdict::inconclusive);
  EXPECT_TRUE(g.find<ControlNotShown>());
}

TEST(Grading, ADetectorNotExpectedToCatchARaceIsABlindSpot) {
  const Grade g = grade(cell("split", testing::kTsan, kRacePlainOnly, 30, 0), true);
  EXPECT_EQ(g.verdict, Verdict::pass);
  EXPECT_TRUE(g.find<BlindSpot>());
  const Expect tsan_only = Expect::race_caught_by_tsan_only("x86 orders it anyway");
  const Grade plain = grade(cell("relaxed", testing::kPlain, tsan_only, 0, 0), true);
  EXPECT_EQ(plain.verdict, Verdict::pass);
  EXPECT_TRUE(plain.find<BlindSpot>());
  // Caught anyway: said, but not required.
  const Grade caught = grade(cell("relaxed", testing::kPlain, tsan_only, 3, 0), true);
  ASSERT_TRUE(caught.find<Caught>());
  EXPECT_FALSE(caught.find<Caught>()->required);
}

TEST(Grading, ACellThatCouldNotRunIsAnError) {
  CellResult c = cell("locked", testing::kTsan, Expect::safe, 0, 0);
  c.measured.error = "runner killed by SIGSEGV";
  const Grade g = grade(c, true);
  EXPECT_EQ(g.verdict, Verdict::error);
  ASSERT_EQ(g.findings.size(), 1u);
  EXPECT_EQ(std::get<CouldNotRun>(g.findings[0]).cause, "runner killed by SIGSEGV");
}

TEST(Grading, AHungOrCrashedTrialFailsTheCellWhateverElseItShowed) {
  CellResult c = cell("locked", testing::kPlain, Expect::safe, 0, 0, 8);
  c.plan.trials = 10;
  c.measured.faults = {{TrialFault::Kind::hung, 2, 42, "no progress", ""},
                       {TrialFault::Kind::crashed, 5, 43, "SIGSEGV", ""}};
  const Grade g = grade(c, true);
  EXPECT_EQ(g.verdict, Verdict::fail);
  ASSERT_EQ(g.findings.size(), 2u);
  EXPECT_EQ(std::get<Fault>(g.findings[0]).index, 0u);
  EXPECT_EQ(std::get<Fault>(g.findings[1]).index, 1u);

  CellResult race = cell("r", testing::kPlain, kRaceBoth, 40, 0);
  race.measured.faults = {{TrialFault::Kind::crashed, 0, 1, "std::runtime_error: x", ""}};
  EXPECT_EQ(grade(race, true).verdict, Verdict::fail);
}

TEST(Grading, FaultsOutrankAnErrorAndTrialsThatDidNotRunAreCounted) {
  CellResult c = cell("locked", testing::kPlain, Expect::safe, 0, 0, 4);
  c.plan.trials = 10;
  c.measured.faults = {{TrialFault::Kind::hung, 4, 1, "no progress", ""}};
  c.measured.error = "runner protocol error after 0 of 5 trials: malformed end record";
  const Grade g = grade(c, true);
  EXPECT_EQ(g.verdict, Verdict::fail);
  EXPECT_TRUE(g.find<CouldNotRun>());
  ASSERT_TRUE(g.find<TrialsNotRun>());
  EXPECT_EQ(g.find<TrialsNotRun>()->count, 5);
  EXPECT_EQ(g.find<TrialsNotRun>()->requested, 10);
}

TEST(Grading, ACellCutShortSaysHowManyTrialsRan) {
  CellResult c = cell("locked", testing::kPlain, Expect::safe, 0, 0, 3);
  c.plan.trials = 10;
  const Grade g = grade(c, true);
  EXPECT_EQ(g.verdict, Verdict::pass);
  ASSERT_TRUE(g.find<CutShort>());
  EXPECT_EQ(g.find<CutShort>()->ran, 3);
}

TEST(Grading, AMismatchBetweenCountedAndReadReportsIsStated) {
  CellResult c = cell("locked", testing::kTsan, Expect::safe, 0, 0);
  c.measured.runtime_reports = 2;
  const Grade g = grade(c, true);
  EXPECT_EQ(g.verdict, Verdict::fail);
  ASSERT_TRUE(g.find<ReportsWithoutText>());
  EXPECT_EQ(g.find<ReportsWithoutText>()->counted, 2);
  ASSERT_TRUE(g.find<ReportCountMismatch>());
  EXPECT_EQ(g.find<ReportCountMismatch>()->read, 0);
}

TEST(Grading, ReportsDroppedPastTheCapAreStated) {
  CellResult c = cell("locked", testing::kTsan, Expect::safe, 0, 0);
  EXPECT_FALSE(grade(c, true).find<ReportsDropped>());
  c.measured.dropped_reports = 250;
  c.measured.capped_trials = 3;
  const Grade g = grade(c, true);
  ASSERT_TRUE(g.find<ReportsDropped>());
  EXPECT_EQ(g.find<ReportsDropped>()->dropped, 250);
  EXPECT_EQ(g.find<ReportsDropped>()->trials, 3);
  EXPECT_EQ(g.find<ReportsDropped>()->cap, 100);
}

TEST(Grading, ACleanResultThatRestsOnSuppressionsSaysSo) {
  CellResult c = cell("locked", testing::kTsan, Expect::safe, 0, 0);
  EXPECT_FALSE(grade(c, true).find<Suppressed>());
  c.measured.suppressed = {{"race", "Increment", 4}, {"race", "Other", 1}};
  Grade g = grade(c, true);
  EXPECT_EQ(g.verdict, Verdict::pass);
  ASSERT_TRUE(g.find<Suppressed>());
  EXPECT_EQ(g.find<Suppressed>()->reports, 5);
  EXPECT_TRUE(g.find<Suppressed>()->clean);
  // Reports printed besides the suppressed ones: the result does not rest on them.
  c.measured.runtime_reports = 1;
  c.measured.parsed_reports = 1;
  c.measured.unique_reports = {UniqueReport{"data race", {}, 1, 1, 0, "text"}};
  g = grade(c, true);
  EXPECT_EQ(g.verdict, Verdict::fail);
  ASSERT_TRUE(g.find<Suppressed>());
  EXPECT_FALSE(g.find<Suppressed>()->clean);
}

TEST(Grading, AWorkerTheOsWouldNotPinIsNotedUnlessNoPinningWasAsked) {
  CellResult c = cell("locked", testing::kPlain, Expect::safe, 0, 0);
  c.measured.worker_cpus = {0, -1};
  ASSERT_TRUE(grade(c, true).find<Unpinned>());
  EXPECT_EQ(grade(c, true).find<Unpinned>()->unpinned, 1);
  c.plan.pin = Pin::none;
  EXPECT_FALSE(grade(c, true).find<Unpinned>());
}

TEST(Grading, GradeAllAppliesTheGatePerVariant) {
  std::vector<CellResult> cells{
      cell(kControlCase, testing::kPlain, kRaceBoth, 0, 0),
      cell(kControlCase, testing::kTsan, kRaceBoth, 0, 100),
      cell("locked", testing::kPlain, Expect::safe, 0, 0),
      cell("locked", testing::kTsan, Expect::safe, 0, 0),
  };
  grade_all(cells);
  EXPECT_EQ(cells[0].grade.verdict, Verdict::inconclusive);
  EXPECT_EQ(cells[1].grade.verdict, Verdict::pass);
  EXPECT_EQ(cells[2].grade.verdict, Verdict::inconclusive);
  EXPECT_EQ(cells[3].grade.verdict, Verdict::pass);
  Summary summary;
  summary.results = cells;
  EXPECT_EQ(exit_code(summary), kExitInconclusive);
  summary.results[3].grade.verdict = Verdict::fail;
  EXPECT_EQ(exit_code(summary), kExitFail);
}

TEST(Grading, GradeAllFallsBackToAControlWithOtherParameters) {
  std::vector<CellResult> cells{cell(kControlCase, testing::kPlain, kRaceBoth, 10, 0),
                                cell("peterson", testing::kPlain, Expect::safe, 0, 0)};
  cells[0].plan.threads = 5;
  grade_all(cells);
  EXPECT_EQ(cells[1].grade.verdict, Verdict::pass);
}

}  // namespace
}  // namespace lockstress
