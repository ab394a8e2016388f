// Overlap as a measured quantity: the runner's computation, the record field, the tally, and the
// grading rule (clean trials whose workers never ran at once are not counted; a race missed in
// trials that never overlapped is a harness fault).
#include "harness/stats/overlap.hpp"

#include <gtest/gtest.h>

#include "harness/ingest/runner_stream.hpp"
#include "harness/runtime/worker_span.hpp"
#include "harness/analysis/grading.hpp"
#include "harness/analysis/stopping.hpp"
#include "harness/summary/grade_words.hpp"
#include "lockstress/case.hpp"
#include "test_variants.hpp"

namespace lockstress {
namespace {

TEST(Overlap, IsTheLongestTimeAnyTwoWorkersRanTogether) {
  EXPECT_EQ(overlap_ns({{100, 900}, {300, 700}}), 400);
  EXPECT_EQ(overlap_ns({{100, 900}, {300, 1200}, {200, 800}}), 600);
  // Five workers on two CPUs: the first finished before the last began, but two of them raced.
  EXPECT_EQ(overlap_ns({{0, 100}, {0, 120}, {150, 300}, {160, 320}, {400, 500}}), 140);
  // No two ever met: the closest pair missed by 30 ns.
  EXPECT_EQ(overlap_ns({{0, 100}, {130, 200}, {300, 400}}), -30);
  // The second began 50 ns after the first had finished: no overlap, by that much.
  EXPECT_EQ(overlap_ns({{100, 200}, {250, 400}}), -50);
  EXPECT_EQ(overlap_ns({{100, 200}, {200, 400}}), 0);
  EXPECT_EQ(overlap_ns({{100, 350}}), 250);  // one worker: its whole run
  EXPECT_EQ(overlap_ns({}), 0);
}

TEST(Overlap, TalliesTrialsWithOverlapAndSkipsRecordsWithout) {
  Overlap o;
  for (std::optional<std::int64_t> ns : {std::optional<std::int64_t>(400), {-50}, {0}, {}, {600}})
    o.add(ns);
  EXPECT_EQ(o.measured_trials, 4);
  EXPECT_EQ(o.trials_with_overlap, 2);
  EXPECT_EQ(o.trials_without_overlap(), 2);
  EXPECT_DOUBLE_EQ(o.mean_overlap_ns(), 500);
  // 5 trials, the unmeasured one counting as before: 5 - 2 never overlapped.
  EXPECT_EQ(o.concurrent_trials(5), 3);
  Overlap sum = o;
  sum.add(Overlap{10, 10, 1000});
  EXPECT_EQ(sum.measured_trials, 14);
  EXPECT_EQ(sum.trials_with_overlap, 12);
  EXPECT_EQ(sum.total_overlap_ns, 2000);
  EXPECT_FALSE(Overlap{}.measured());
  EXPECT_EQ(Overlap{}.concurrent_trials(7), 7);  // a summary from before: every trial counts
}

TEST(Overlap, TheTrialRecordCarriesItSignedAndOlderRecordsParseWithout) {
  std::vector<TrialEvent> trials;
  RunnerStream stream([&](TrialEvent e) { trials.push_back(std::move(e)); });
  stream.feed(
      "@lockstress/1 trial index=0 seed=1 count=9 ns=100 reports=0 overlap=4400\n"
      "@lockstress/1 trial index=1 seed=2 count=10 ns=100 reports=0 acquired=3,4 overlap=-1915\n"
      "@lockstress/1 trial index=2 seed=3 count=10 ns=100 reports=0\n"
      "@lockstress/1 end trials=3\n");
  stream.finish();
  ASSERT_FALSE(stream.error()) << *stream.error();
  ASSERT_EQ(trials.size(), 3u);
  EXPECT_EQ(trials[0].overlap_ns, 4400);
  EXPECT_EQ(trials[1].overlap_ns, -1915);
  EXPECT_EQ(trials[1].acquisitions, (std::vector<std::int64_t>{3, 4}));
  EXPECT_EQ(trials[2].overlap_ns, std::nullopt);

  for (const char* bad : {"overlap=", "overlap=12x", "overlap=--3", "overlap=1e3"}) {
    RunnerStream broken([](TrialEvent) {});
    broken.feed(std::string("@lockstress/1 trial index=0 seed=1 count=9 ns=1 reports=0 ") + bad +
                "\n");
    EXPECT_TRUE(broken.error()) << bad;
  }
}

CellResult plain_cell(Expect expect, std::int64_t trials, std::int64_t failed, Overlap overlap,
                      Variant variant = testing::kPlain) {
  CellResult c;
  c.plan.case_name = expect.race ? kControlCase : "locked_counter";
  c.plan.variant = variant;
  c.plan.expect = std::move(expect);
  c.plan.threads = 2;
  c.plan.iterations = 10000;
  c.plan.trials = c.measured.trials = trials;
  c.measured.failures.events = failed;
  c.measured.overlap = overlap;
  set_intervals(c.measured, c.plan.variant.info(), c.plan.expect);
  return c;
}

Grade grade(const CellResult& c, std::optional<bool> control_detected) {
  return grade_cell(c.plan, c.measured, control_detected);
}

const Expect kRace = Expect::race_caught_by({Detector::plain, Detector::tsan});

using namespace finding;

TEST(Overlap, ASafeCaseIsBoundedOverItsOverlappingTrialsOnly) {
  // 200 trials, 100 of which never ran both workers at once: the bound is that of 100 trials.
  const CellResult half = plain_cell(Expect::safe, 200, 0, Overlap{200, 100, 100 * 4000});
  EXPECT_EQ(half.measured.failures.trials, 100);
  EXPECT_NEAR(half.measured.failures.ci95.high, zero_event_upper_bound(100), 1e-12);
  const Grade g = grade(half, true);
  EXPECT_EQ(g.verdict, Verdict::pass);
  ASSERT_TRUE(g.find<NoneSeen>());
  EXPECT_EQ(g.find<NoneSeen>()->trials, 200);
  EXPECT_EQ(g.find<NoneSeen>()->concurrent, 100);
  EXPECT_NEAR(g.find<NoneSeen>()->bound, zero_event_upper_bound(100), 1e-12);
  EXPECT_TRUE(g.find<PartialOverlap>());

  // Every trial overlapped: the bound and the findings are as they always were.
  const CellResult all = plain_cell(Expect::safe, 200, 0, Overlap{200, 200, 200 * 4000});
  EXPECT_EQ(all.measured.failures.trials, 200);
  EXPECT_FALSE(grade(all, true).find<PartialOverlap>());
  EXPECT_EQ(grade(all, true).find<NoneSeen>()->concurrent, 200);
}

TEST(Overlap, ASummaryWithoutOverlapIsGradedAsBefore) {
  const CellResult old = plain_cell(Expect::safe, 200, 0, Overlap{});
  EXPECT_EQ(old.measured.failures.trials, 200);
  const Grade g = grade(old, true);
  EXPECT_EQ(g.verdict, Verdict::pass);
  ASSERT_EQ(g.findings.size(), 1u);
  EXPECT_EQ(std::get<NoneSeen>(g.findings[0]).concurrent, 200);
}

TEST(Overlap, NoOverlappingTrialAtAllIsAHarnessFaultNotAPass) {
  const Grade safe = grade(plain_cell(Expect::safe, 40, 0, Overlap{40, 0, 0}), true);
  EXPECT_EQ(safe.verdict, Verdict::error);
  ASSERT_TRUE(safe.find<NeverOverlapped>());
  EXPECT_EQ(safe.find<NeverOverlapped>()->trials, 40);
  // A lost update is a failure even so: the safe case's own doing comes first.
  EXPECT_EQ(grade(plain_cell(Expect::safe, 40, 1, Overlap{40, 0, 0}), true).verdict, Verdict::fail);
}

TEST(Overlap, AControlMissedBecauseItsWorkersNeverOverlappedIsAHarnessFault) {
  const Grade blind = grade(plain_cell(kRace, 40, 0, Overlap{40, 0, 0}), std::nullopt);
  EXPECT_EQ(blind.verdict, Verdict::error);
  EXPECT_TRUE(blind.find<NeverOverlapped>());
  EXPECT_FALSE(blind.find<ControlNotShown>());
  // Missed although some trials overlapped: the platform's (inconclusive), with the overlap said.
  const Grade missed = grade(plain_cell(kRace, 40, 0, Overlap{40, 3, 3 * 500}), std::nullopt);
  EXPECT_EQ(missed.verdict, Verdict::inconclusive);
  EXPECT_TRUE(missed.find<PartialOverlap>());
  // Caught: a pass, overlap or not.
  EXPECT_EQ(grade(plain_cell(kRace, 40, 12, Overlap{40, 12, 12 * 500}), std::nullopt).verdict,
            Verdict::pass);
}

TEST(Overlap, TheOverlapIsSaidInWords) {
  CellResult half = plain_cell(Expect::safe, 200, 0, Overlap{200, 100, 100 * 4000});
  half.grade = grade(half, true);
  EXPECT_EQ(reason(half, PartialOverlap{}),
            "overlap: workers ran at once in 100/200 trials (for 4 µs on average, the longest "
            "two ran together); in the others no two workers were inside the workload at the same "
            "time");
  EXPECT_EQ(reason(half, NeverOverlapped{40})
                .rfind("harness fault: in none of 40 trials were two "
                       "workers inside",
                       0),
            0u);
}

TEST(Overlap, TsanVerdictsStayOverAllTrials) {
  // TSan's happens-before analysis needs no overlap in time: its runner reports the control's race
  // in trials whose workers did not overlap. So neither rule applies to the TSan variant.
  const CellResult safe = plain_cell(Expect::safe, 200, 0, Overlap{200, 100, 100}, testing::kTsan);
  EXPECT_EQ(safe.measured.failures.trials, 200);
  EXPECT_EQ(grade(safe, true).verdict, Verdict::pass);
  EXPECT_EQ(grade(plain_cell(Expect::safe, 40, 0, Overlap{40, 0, 0}, testing::kTsan), true).verdict,
            Verdict::pass);
}

}  // namespace
}  // namespace lockstress
