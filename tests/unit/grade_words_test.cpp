// The grade in words: each finding as every reporter prints it. The approved files check the
// words of whole summaries; these the findings one at a time, including those no sample holds.

#include "harness/summary/grade_words.hpp"

#include <gtest/gtest.h>

#include "test_variants.hpp"

namespace lockstress {
namespace {

using namespace finding;

CellResult cell(Variant variant, Expect expect) {
  CellResult c;
  c.plan.case_name = "relaxed";
  c.plan.variant = std::move(variant);
  c.plan.expect = std::move(expect);
  c.plan.trials = 10;
  c.measured.trials = 200;
  c.measured.lost_updates.max = 7;
  c.measured.faults = {{TrialFault::Kind::hung, 2, 42, "no progress for 60.0 s", ""},
                       {TrialFault::Kind::crashed, 5, 43, "SIGSEGV", "first\nsecond\nthird"}};
  c.measured.unique_reports = {UniqueReport{"data race", {{"f()", "a.cpp", 3, 1}}, 3, 3, 0, "text"},
                               UniqueReport{"thread leak", {}, 0, 1, -1, "text"}};
  return c;
}

TEST(GradeWords, EachFindingInWords) {
  const CellResult plain = cell(testing::kPlain, Expect::race_caught_by_tsan_only("x86"));
  const CellResult tsan = cell(testing::kTsan, Expect::race_caught_by_both());
  EXPECT_EQ(reason(plain, Fault{0}), "hung in trial 2 (seed 42): no progress for 60.0 s");
  EXPECT_EQ(reason(plain, Fault{1}),
            "crashed in trial 5 (seed 43): SIGSEGV; last output: second|third");
  EXPECT_EQ(reason(plain, TrialsNotRun{5, 10}), "5 of 10 trials did not run");
  // A report is the reporting detector's: TSan's, or the model's own.
  EXPECT_EQ(reason(tsan, Reported{0}),
            "TSan reported a data race at a.cpp:3 in f() in 3/200 trials");
  EXPECT_EQ(reason(tsan, Reported{1}),
            "TSan reported a thread leak in the runner's start-up or exit");
  EXPECT_EQ(reason(cell(testing::kModel, Expect::safe), Reported{0}),
            "the model reported a data race at a.cpp:3 in f() in 3/200 trials");
  EXPECT_EQ(reason(plain, NoneSeen{Symptom::lost_update, 200, 200, 0.0149}),
            "no trial of 200 lost an update (rate <= 1.5% at 95%)");
  EXPECT_EQ(reason(plain, NoneSeen{Symptom::lost_update, 200, 150, 0.02}),
            "no trial of 200 lost an update (rate <= 2.0% at 95%; over the 150 in which workers "
            "ran at once: the other 50 tested nothing concurrent)");
  EXPECT_EQ(reason(tsan, NoneSeen{Symptom::sanitizer_report, 200, 200, 0.0149}),
            "no trial of 200 drew a sanitizer report (rate <= 1.5% at 95%)");
  EXPECT_EQ(reason(plain, ControlUndetected{false}),
            "the race control unsafe_counter did not run in the plain variant, so a clean result "
            "here proves nothing");
  EXPECT_EQ(reason(plain, Caught{false, 3, 200, 7}),
            "lost updates in 3/200 trials (up to 7 per trial) (not required of plain)");
  EXPECT_EQ(reason(tsan, Caught{true, 200, 200, 0}),
            "caught: TSan reported a data race in 200/200 trials");
  EXPECT_EQ(reason(plain, BlindSpot{}),
            "the plain build lost no update in relaxed — expected: x86");
  EXPECT_EQ(reason(tsan, Missed{200, 0.0149}),
            "expected to be caught by tsan, but no trial of 200 drew a data race report");
  EXPECT_EQ(reason(plain, Missed{200, 0.0149}),
            "expected to be caught by plain, but no trial of 200 lost an update (rate <= 1.5% at "
            "95%)");
  EXPECT_EQ(reason(tsan, ControlMissedToo{}),
            "the race control unsafe_counter was not detected in the tsan variant either");
  EXPECT_EQ(reason(plain, CutShort{3, 10}), "only 3 of 10 trials ran");
  CellResult model = cell(testing::kModel, Expect::safe);
  model.measured.trials = 300;
  model.measured.model = ModelSchedules{"pct", "c11", 2, 10, 3, ""};
  EXPECT_EQ(reason(model, PctBound{300, 2, 10, 3, 0.77775}),
            "no failure in 300 schedules; under PCT a bug of depth <= 3 would have been found with "
            "probability >= 77.7% (1-(1-1/(n k^(d-1)))^N, n 2 threads, k 10 steps as measured, d "
            "3)");
  // A lower bound is rounded down: 99.96% is not 100%.
  EXPECT_NE(reason(model, PctBound{1, 2, 1, 1, 0.9996}).find(">= 99.9% "), std::string::npos);
  EXPECT_NE(reason(model, PctBound{1, 2, 1, 1, 3.14159e-9}).find(">= 3.1e-07% "),
            std::string::npos);
  model.measured.model->strategy = "random";
  EXPECT_EQ(reason(model, NoPctBound{NoPctBound::Cause::not_pct}),
            "no failure in 300 schedules, drawn by the random strategy, which bounds no "
            "probability of finding a bug of any depth (PCT does)");
  model.measured.model->disagreement =
      "runs with different schedules (pct, n 2, k 10, d 3; pct, n 2, k 12, d 3)";
  EXPECT_EQ(reason(model, NoPctBound{NoPctBound::Cause::schedules_differ}),
            "no failure in 300 schedules, but no PCT bound over them: runs with different "
            "schedules (pct, n 2, k 10, d 3; pct, n 2, k 12, d 3)");
  EXPECT_EQ(reason(plain, Unpinned{1, 2}),
            "the OS refused to pin 1 of 2 workers; they ran wherever the scheduler put them");
  EXPECT_EQ(reason(plain, ReportCountMismatch{2, 1}),
            "the sanitizer counted 2 reports and 1 were read from its output");
  CellResult suppressed = tsan;
  suppressed.measured.suppressed = {{"race", "Increment", 4}, {"deadlock", "ns::Lock", 1}};
  EXPECT_EQ(reason(suppressed, Suppressed{5, true}),
            "suppressions matched 5 reports (4 race:Increment, 1 deadlock:ns::Lock); no report was "
            "printed, so this result rests on the suppressions");
  suppressed.measured.suppressed = {{"race", "Increment", 1}};
  EXPECT_EQ(reason(suppressed, Suppressed{1, false}),
            "suppressions matched 1 report (1 race:Increment)");
  EXPECT_EQ(reason(tsan, ReportsDropped{250, 3, 100}),
            "report cap: 3/200 trials reached 100 reports, and the 250 reports past it were "
            "counted and dropped unprinted (the unique reports are those printed)");
}

TEST(GradeWords, ReasonsFollowTheFindingsInOrder) {
  CellResult c = cell(testing::kPlain, Expect::safe);
  c.grade = {Verdict::fail, {CutShort{3, 10}, TrialsNotRun{5, 10}}};
  EXPECT_EQ(reasons(c),
            (std::vector<std::string>{"only 3 of 10 trials ran", "5 of 10 trials did not run"}));
}

}  // namespace
}  // namespace lockstress
