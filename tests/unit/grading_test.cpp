#include "harness/stats/grading.hpp"

#include <gtest/gtest.h>

#include "lockstress/case.hpp"
#include "test_variants.hpp"

namespace lockstress {
namespace {

const Expect kRaceBoth = Expect::race_caught_by({Detector::plain, Detector::tsan});
const Expect kRacePlainOnly =
    Expect::race_caught_by({Detector::plain}, "not a data race: the accesses are atomic");

CellResult cell(std::string name, Variant variant, Expect expect, std::int64_t failed,
                std::int64_t data_race_trials, std::int64_t trials = 100) {
  CellResult c;
  c.case_name = std::move(name);
  c.variant = variant;
  c.expect = std::move(expect);
  c.threads = 2;
  c.iterations = 1000;
  c.trials = trials;
  c.failures = rate(failed, trials);
  c.report_trials = rate(data_race_trials, trials);
  if (data_race_trials > 0) {
    c.report_kinds.push_back({"data race", data_race_trials});
    c.unique_reports.push_back(UniqueReport{
        "data race", {{"f()", "a.cpp", 3, 1}}, data_race_trials, data_race_trials, 0, "text"});
    c.runtime_reports = c.parsed_reports = data_race_trials;
  }
  return c;
}

bool has_reason(const std::vector<std::string>& reasons, const std::string& part) {
  for (const std::string& r : reasons) {
    if (r.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(Grading, SafeCasePassesWhenCleanAndTheControlWasDetected) {
  Grade g = grade_cell(cell("locked", testing::kPlain, Expect::safe, 0, 0, 200), true);
  EXPECT_EQ(g.verdict, Verdict::pass);
  EXPECT_TRUE(has_reason(g.reasons, "1.5%")) << g.reasons[0];
}

TEST(Grading, SafeCaseIsInconclusiveWhenTheControlWasNotDetected) {
  Grade g = grade_cell(cell("locked", testing::kPlain, Expect::safe, 0, 0), false);
  EXPECT_EQ(g.verdict, Verdict::inconclusive);
  EXPECT_TRUE(has_reason(g.reasons, "proves nothing"));
  EXPECT_EQ(grade_cell(cell("locked", testing::kPlain, Expect::safe, 0, 0), std::nullopt).verdict,
            Verdict::inconclusive);
}

TEST(Grading, SafeCaseFailsOnALostUpdateOrAReportWhateverTheControl) {
  EXPECT_EQ(grade_cell(cell("locked", testing::kPlain, Expect::safe, 1, 0), true).verdict,
            Verdict::fail);
  EXPECT_EQ(grade_cell(cell("locked", testing::kPlain, Expect::safe, 1, 0), false).verdict,
            Verdict::fail);
  Grade g = grade_cell(cell("locked", testing::kTsan, Expect::safe, 0, 3), true);
  EXPECT_EQ(g.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(g.reasons, "data race at a.cpp:3 in f() in 3/100 trials"));
}

TEST(Grading, RaceCasePassesInEachVariantThatCaughtIt) {
  EXPECT_EQ(grade_cell(cell("r", testing::kPlain, kRaceBoth, 40, 0), true).verdict, Verdict::pass);
  EXPECT_EQ(grade_cell(cell("r", testing::kTsan, kRaceBoth, 0, 100), true).verdict, Verdict::pass);
}

TEST(Grading, RaceCaseMissedByAnExpectedDetectorFails) {
  Grade g = grade_cell(cell("r", testing::kTsan, kRaceBoth, 50, 0), true);
  EXPECT_EQ(g.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(g.reasons, "expected to be caught by tsan"));
}

TEST(Grading, RaceCaseMissedWhereTheControlWasMissedTooIsInconclusive) {
  EXPECT_EQ(grade_cell(cell("r", testing::kPlain, kRaceBoth, 0, 0), false).verdict,
            Verdict::inconclusive);
}

TEST(Grading, TheControlItselfMissedIsInconclusiveNotFail) {
  Grade g = grade_cell(cell(kControlCase, testing::kPlain, kRaceBoth, 0, 0), false);
  EXPECT_EQ(g.verdict, Verdict::inconclusive);
}

TEST(Grading, ADetectorNotExpectedToCatchARaceSaysWhy) {
  Grade g = grade_cell(cell("split", testing::kTsan, kRacePlainOnly, 30, 0), true);
  EXPECT_EQ(g.verdict, Verdict::pass);
  EXPECT_TRUE(has_reason(g.reasons, "TSan did not report split — expected: not a data race"));
  const Expect tsan_only = Expect::race_caught_by_tsan_only("x86 orders it anyway");
  Grade plain = grade_cell(cell("relaxed", testing::kPlain, tsan_only, 0, 0), true);
  EXPECT_EQ(plain.verdict, Verdict::pass);
  EXPECT_TRUE(has_reason(
      plain.reasons, "the plain build lost no update in relaxed — expected: x86 orders it anyway"));
}

TEST(Grading, ACellThatCouldNotRunIsAnError) {
  CellResult c = cell("locked", testing::kTsan, Expect::safe, 0, 0);
  c.error = "runner killed by SIGSEGV";
  EXPECT_EQ(grade_cell(c, true).verdict, Verdict::error);
}

TEST(Grading, AHungOrCrashedTrialFailsTheCellWhateverElseItShowed) {
  CellResult c = cell("locked", testing::kPlain, Expect::safe, 0, 0, 8);
  c.trials_requested = 10;
  c.faults = {{TrialFault::Kind::hung, 2, 42, "no progress for 60.0 s (the watchdog limit)", ""},
              {TrialFault::Kind::crashed, 5, 43, "SIGSEGV", "first\nsecond\nthird"}};
  Grade g = grade_cell(c, true);
  EXPECT_EQ(g.verdict, Verdict::fail);
  ASSERT_EQ(g.reasons.size(), 2u);
  EXPECT_EQ(g.reasons[0], "hung in trial 2 (seed 42): no progress for 60.0 s (the watchdog limit)");
  EXPECT_EQ(g.reasons[1], "crashed in trial 5 (seed 43): SIGSEGV; last output: second|third");

  CellResult race = cell("r", testing::kPlain, kRaceBoth, 40, 0);
  race.faults = {{TrialFault::Kind::crashed, 0, 1, "std::runtime_error: x", ""}};
  EXPECT_EQ(grade_cell(race, true).verdict, Verdict::fail);
}

TEST(Grading, FaultsOutrankAnErrorAndTrialsThatDidNotRunAreCounted) {
  CellResult c = cell("locked", testing::kPlain, Expect::safe, 0, 0, 4);
  c.trials_requested = 10;
  c.faults = {{TrialFault::Kind::hung, 4, 1, "no progress", ""}};
  c.error = "runner protocol error after 0 of 5 trials: malformed end record";
  Grade g = grade_cell(c, true);
  EXPECT_EQ(g.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(g.reasons, "runner protocol error"));
  EXPECT_TRUE(has_reason(g.reasons, "5 of 10 trials did not run"));
}

TEST(Grading, ACellCutShortSaysHowManyTrialsRan) {
  CellResult c = cell("locked", testing::kPlain, Expect::safe, 0, 0, 3);
  c.trials_requested = 10;
  Grade g = grade_cell(c, true);
  EXPECT_EQ(g.verdict, Verdict::pass);
  EXPECT_TRUE(has_reason(g.reasons, "only 3 of 10 trials ran"));
}

TEST(Grading, AMismatchBetweenCountedAndReadReportsIsStated) {
  CellResult c = cell("locked", testing::kTsan, Expect::safe, 0, 0);
  c.runtime_reports = 2;
  Grade g = grade_cell(c, true);
  EXPECT_EQ(g.verdict, Verdict::fail);
  EXPECT_TRUE(has_reason(g.reasons, "whose text never arrived"));
}

TEST(Grading, GradeAllAppliesTheGatePerVariant) {
  std::vector<CellResult> cells{
      cell(kControlCase, testing::kPlain, kRaceBoth, 0, 0),
      cell(kControlCase, testing::kTsan, kRaceBoth, 0, 100),
      cell("locked", testing::kPlain, Expect::safe, 0, 0),
      cell("locked", testing::kTsan, Expect::safe, 0, 0),
  };
  grade_all(cells);
  EXPECT_EQ(cells[0].verdict, Verdict::inconclusive);
  EXPECT_EQ(cells[1].verdict, Verdict::pass);
  EXPECT_EQ(cells[2].verdict, Verdict::inconclusive);
  EXPECT_EQ(cells[3].verdict, Verdict::pass);
  Summary summary;
  summary.results = cells;
  EXPECT_EQ(exit_code(summary), kExitInconclusive);
  summary.results[3].verdict = Verdict::fail;
  EXPECT_EQ(exit_code(summary), kExitFail);
}

TEST(Grading, GradeAllFallsBackToAControlWithOtherParameters) {
  std::vector<CellResult> cells{cell(kControlCase, testing::kPlain, kRaceBoth, 10, 0),
                                cell("peterson", testing::kPlain, Expect::safe, 0, 0)};
  cells[0].threads = 5;
  grade_all(cells);
  EXPECT_EQ(cells[1].verdict, Verdict::pass);
}

}  // namespace
}  // namespace lockstress
