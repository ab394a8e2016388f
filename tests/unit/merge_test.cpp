// The arithmetic of merging, on two hand-made shard summaries whose answers are worked out by
// hand (tests/data/merge): shard 1 holds trials 0-9 of seed 5, shard 2 trials 10-19.

#include "harness/analysis/merge.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "harness/analysis/merge_measurement.hpp"
#include "harness/summary_json/summary_json.hpp"
#include "harness/reporters/reporters.hpp"
#include "harness/summary/grade_words.hpp"
#include "result_testing.hpp"
#include "test_data.hpp"
#include "test_variants.hpp"

namespace lockstress {
namespace {

using testing::message_of;

MergeInput input(const std::string& name, const std::string& text) {
  Result<Summary> summary = read_summary_json(text);
  EXPECT_TRUE(summary) << name << ": " << message_of(summary);
  return {name, summary.value_or(Summary{})};
}

MergeInput shard(int k) {
  const std::string name = "shard-" + std::to_string(k) + ".json";
  return input(name, testing::read_test_data("merge/" + name));
}

// Shard `k`'s text with the first of each `from` replaced by its `to`.
MergeInput shard_with(int k, const std::vector<std::pair<std::string, std::string>>& edits) {
  const std::string name = "shard-" + std::to_string(k) + ".json";
  std::string text = testing::read_test_data("merge/" + name);
  for (const auto& [from, to] : edits) {
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  }
  return input(name, text);
}

MergeInput shard_with(int k, const std::string& from, const std::string& to) {
  return shard_with(k, {{from, to}});
}

Summary merged(const std::vector<MergeInput>& inputs) {
  Result<Summary> out = merge_summaries(inputs);
  EXPECT_TRUE(out) << message_of(out);
  return out.value_or(Summary{});
}

std::string refusal(const std::vector<MergeInput>& inputs) {
  Result<Summary> merged = merge_summaries(inputs);
  EXPECT_FALSE(merged);
  return message_of(merged);
}

TEST(Merge, SumsCountsAndRecomputesRates) {
  const Summary s = merged({shard(1), shard(2)});
  ASSERT_EQ(s.results.size(), 2u);
  const CellResult& unsafe = s.results[0];  // the first input's order
  EXPECT_EQ(unsafe.plan.case_name, "unsafe_counter");
  EXPECT_EQ(unsafe.measured.trials, 20);
  EXPECT_EQ(unsafe.plan.trials, 20);
  EXPECT_EQ(unsafe.measured.failures.events, 13);
  EXPECT_DOUBLE_EQ(unsafe.measured.failures.value, 0.65);
  const Interval wilson = wilson_interval(13, 20);
  EXPECT_DOUBLE_EQ(unsafe.measured.failures.ci95.low, wilson.low);
  EXPECT_DOUBLE_EQ(unsafe.measured.failures.ci95.high, wilson.high);
  EXPECT_NEAR(unsafe.measured.failures.ci95.low, 0.433, 0.001);
  EXPECT_NEAR(unsafe.measured.failures.ci95.high, 0.819, 0.001);
  EXPECT_DOUBLE_EQ(unsafe.measured.trial_seconds, 1.0);
  EXPECT_DOUBLE_EQ(unsafe.measured.wall_seconds, 2.0);
  ASSERT_EQ(unsafe.measured.trial_ranges.size(), 1u);  // 0-9 and 10-19 of seed 5 join
  EXPECT_EQ(unsafe.measured.trial_ranges[0].seed, 5u);
  EXPECT_EQ(unsafe.measured.trial_ranges[0].first, 0);
  EXPECT_EQ(unsafe.measured.trial_ranges[0].count, 20);
}

// Shard 1 was written before overlap was measured, shard 2 measured it (9 of its 10 trials
// overlapped): the merge adds up, shard 1's trials count as they did, and the plain rate is over
// the 19 trials not known to have missed overlapping.
TEST(Merge, AddsOverlapAndReadsSummariesWrittenBeforeIt) {
  const Summary s =
      merged({shard(1), shard_with(2, "\"failed_trials\": 9,",
                                   "\"failed_trials\": 9, \"overlap\": {\"trials_measured\": 10, "
                                   "\"trials_with_overlap\": 9, \"overlap_rate\": 0.9, "
                                   "\"mean_overlap_ns\": 500.0, \"total_overlap_ns\": 4500},")});
  const CellResult& unsafe = s.results[0];
  ASSERT_EQ(unsafe.plan.case_name, "unsafe_counter");
  EXPECT_EQ(unsafe.measured.overlap.measured_trials, 10);
  EXPECT_EQ(unsafe.measured.overlap.trials_with_overlap, 9);
  EXPECT_EQ(unsafe.measured.overlap.total_overlap_ns, 4500);
  EXPECT_EQ(unsafe.measured.failures.events, 13);
  EXPECT_EQ(unsafe.measured.failures.trials, 19);
  EXPECT_FALSE(s.results[1].measured.overlap.measured());  // neither shard measured the TSan cell's
}

// Model cells: counts add, maxima take the larger, the first failing schedules are the first by
// trial of both inputs (5 at most), and the medians, which cannot be recovered, are dropped.
std::string model_object(int schedules, int steps_max, int failing, std::vector<int> trials) {
  std::string failing_json;
  for (int t : trials) {
    failing_json += std::string(failing_json.empty() ? "" : ", ") +
                    "{\"trial\": " + std::to_string(t) +
                    ", \"seed\": 1, \"replay_key\": \"pct/c11/d3/k9/s1\", \"choices\": \"\", "
                    "\"trace_hash\": \"000000000000000" +
                    std::to_string(t % 10) +
                    "\", \"lost_updates\": 1, \"torn_reads\": 0, \"reports\": 0, "
                    "\"deadlock\": false, \"replay_command\": \"x\"}";
  }
  return "\"schedule_stats\": {\"schedules\": " + std::to_string(schedules) +
         ", \"steps\": {\"median\": 5.0, \"max\": " + std::to_string(steps_max) +
         "}, \"switches\": {\"median\": 1.0, \"max\": 2}, \"fallbacks\": 1, "
         "\"failing_schedules\": " +
         std::to_string(failing) + ", \"first_failing\": [" + failing_json + "]}, ";
}

TEST(Merge, ModelCellsAddTheirSchedulesAndKeepTheFirstFailingOnes) {
  const Summary s = merged(
      {shard_with(1, "\"failed_trials\": 4,",
                  "\"failed_trials\": 4, " + model_object(10, 30, 4, {1, 3, 5, 7})),
       shard_with(2, "\"failed_trials\": 9,",
                  "\"failed_trials\": 9, " + model_object(10, 40, 9, {10, 11, 12, 13, 14}))});
  ASSERT_TRUE(s.results[0].measured.schedule_stats);
  const ScheduleStats& m = *s.results[0].measured.schedule_stats;
  EXPECT_EQ(m.schedules, 20);
  EXPECT_EQ(m.max_steps, 40);
  EXPECT_EQ(m.fallbacks, 2);
  EXPECT_EQ(m.failing, 13);
  EXPECT_FALSE(m.median_steps);
  ASSERT_EQ(m.first_failing.size(), 5u);
  EXPECT_EQ(m.first_failing[3].trial, 7);
  EXPECT_EQ(m.first_failing[4].trial, 10);
  EXPECT_FALSE(s.results[1].measured.schedule_stats);
  const Summary one = merged({shard_with(1, "\"failed_trials\": 4,",
                                         "\"failed_trials\": 4, " + model_object(10, 30, 4, {1})),
                              shard(2)});
  ASSERT_TRUE(one.results[0].measured.schedule_stats);
  EXPECT_EQ(one.results[0].measured.schedule_stats->median_steps, 5.0);
}

TEST(Merge, LostUpdatesMeanAndExtremesAreExactAndTheMedianIsBoundedByItsBucket) {
  const CellResult unsafe = merged({shard(1), shard(2)}).results[0];
  EXPECT_DOUBLE_EQ(unsafe.measured.lost_updates.mean, (3.2 * 10 + 18.2 * 10) / 20);
  EXPECT_EQ(unsafe.measured.lost_updates.min, 0);
  EXPECT_EQ(unsafe.measured.lost_updates.max, 30);
  // 0 x7, 4-7 x2, 8-15 x6, 16-31 x5: ranks 9 and 10 both fall in 8-15.
  ASSERT_EQ(unsafe.measured.lost_histogram.size(), 4u);
  EXPECT_EQ(unsafe.measured.lost_histogram[0].count, 7);
  EXPECT_EQ(unsafe.measured.lost_histogram[1].count, 2);
  EXPECT_EQ(unsafe.measured.lost_histogram[2].count, 6);
  EXPECT_EQ(unsafe.measured.lost_histogram[3].count, 5);
  EXPECT_EQ(unsafe.measured.lost_median_bounds.low, 8);
  EXPECT_EQ(unsafe.measured.lost_median_bounds.high, 15);
  EXPECT_EQ(unsafe.measured.lost_updates.median, 11.5);
  // A zero median stays exact: its bucket holds one value.
  const CellResult locked = merged({shard(1), shard(2)}).results[1];
  EXPECT_EQ(locked.measured.lost_median_bounds.low, 0);
  EXPECT_EQ(locked.measured.lost_median_bounds.high, 0);
}

TEST(Merge, ASingleInputKeepsItsExactMedian) {
  const CellResult unsafe = merged({shard(2)}).results[1];
  EXPECT_EQ(unsafe.measured.lost_updates.median, 15);
  EXPECT_EQ(unsafe.measured.lost_median_bounds.low, 15);
  EXPECT_EQ(unsafe.measured.lost_median_bounds.high, 15);
}

TEST(Merge, ReportsAreMatchedBySignatureAndCountsSummed) {
  const CellResult locked = merged({shard(1), shard(2)}).results[1];
  EXPECT_EQ(locked.measured.report_trials.events, 3);
  EXPECT_EQ(locked.measured.report_trials.trials, 20);
  EXPECT_EQ(locked.measured.runtime_reports, 6);
  EXPECT_EQ(locked.measured.parsed_reports, 6);
  ASSERT_EQ(locked.measured.report_kinds.size(), 2u);
  EXPECT_EQ(locked.measured.report_kinds[0].kind, "data race");
  EXPECT_EQ(locked.measured.report_kinds[0].trials, 3);
  EXPECT_EQ(locked.measured.report_kinds[1].kind, "lock-order-inversion");
  EXPECT_EQ(locked.measured.report_kinds[1].trials, 1);
  ASSERT_EQ(locked.measured.unique_reports.size(), 2u);
  const UniqueReport& race = locked.measured.unique_reports[0];
  EXPECT_EQ(race.kind, "data race");
  EXPECT_EQ(race.trials, 3);
  EXPECT_EQ(race.occurrences, 5);
  EXPECT_EQ(race.first_trial, 7);
  EXPECT_EQ(race.example, "report from shard 1");
  EXPECT_EQ(locked.measured.unique_reports[1].kind, "lock-order-inversion");
  EXPECT_EQ(locked.measured.unique_reports[1].first_trial, 15);
}

TEST(Merge, GradesAgainFromTheMergedCounts) {
  const Summary s = merged({shard(1), shard(2)});
  EXPECT_EQ(s.results[0].grade.verdict, Verdict::pass);
  EXPECT_EQ(reasons(s.results[0])[0], "caught: lost updates in 13/20 trials (up to 30 per trial)");
  EXPECT_EQ(s.results[1].grade.verdict, Verdict::fail);
  EXPECT_EQ(reasons(s.results[1])[0],
            "TSan reported a data race at cases/x.cpp:3 in f() in 3/20 trials");
  // Shard 2 could not pin a worker: the merged cell still says so.
  EXPECT_EQ(s.results[1].measured.worker_cpus, (std::vector<int>{2, -1}));
  EXPECT_EQ(reasons(s.results[1]).back(),
            "the OS refused to pin 1 of 2 workers; they ran wherever the scheduler put them");
  EXPECT_EQ(exit_code(s), kExitFail);
}

TEST(Merge, KeepsEveryContextAndTheContextTheyShare) {
  const Summary s = merged({shard(1), shard(2)});
  ASSERT_EQ(s.merged_from.size(), 2u);
  EXPECT_EQ(s.merged_from[0].file, "shard-1.json");
  EXPECT_EQ(s.merged_from[1].context.cpu_model, "B CPU");
  EXPECT_EQ(s.context.seed, 5u);
  EXPECT_EQ(s.context.cpus, 0);  // 2 and 4: differing numbers are not averaged
  EXPECT_EQ(s.context.cpu_model, "A CPU | B CPU");
  EXPECT_EQ(s.context.arch, "x86_64");
  EXPECT_EQ(s.context.started_at, "2026-01-01T09:00:00Z");
  EXPECT_EQ(s.context.rerun_command, "lockstress run --iterations 100 --trials 20 --seed 5");
  EXPECT_TRUE(s.complete);
  // A merge of a merge keeps the original inputs' contexts.
  const Summary again = merged({MergeInput{"both.json", s}});
  EXPECT_EQ(again.merged_from.size(), 2u);
  EXPECT_EQ(again.results[0].measured.failures.events, 13);
}

TEST(Merge, AnIncompleteInputOrACellInErrorCarriesOver) {
  MergeInput broken =
      shard_with(2, "\"expectation\": \"safe\"",
                 "\"expectation\": \"safe\", \"error\": \"runner killed by SIGSEGV\"");
  broken.summary.complete = false;
  const Summary s = merged({shard(1), broken});
  EXPECT_FALSE(s.complete);
  EXPECT_EQ(s.results[1].grade.verdict, Verdict::error);
  EXPECT_EQ(s.results[1].measured.error, "shard-2.json: runner killed by SIGSEGV");
}

// Hung and crashed trials are measurements too: a merge keeps every shard's, and fails the cell.
TEST(Merge, KeepsTheFaultsOfEveryInput) {
  MergeInput one = shard(1);
  MergeInput two = shard(2);
  auto locked_of = [](Summary& summary) -> CellResult& {
    for (CellResult& cell : summary.results) {
      if (cell.plan.case_name == "locked_counter") return cell;
    }
    throw std::runtime_error("no locked_counter cell");
  };
  locked_of(one.summary).measured.faults = {{TrialFault::Kind::hung, 3, 1, "no progress", ""}};
  locked_of(two.summary).measured.faults = {{TrialFault::Kind::crashed, 14, 2, "SIGSEGV", "x"}};
  Summary s = merged({one, two});
  const CellResult& locked = locked_of(s);
  ASSERT_EQ(locked.measured.faults.size(), 2u);
  EXPECT_EQ(locked.measured.faults[0].trial, 3);
  EXPECT_EQ(locked.measured.faults[1].trial, 14);
  EXPECT_EQ(locked.grade.verdict, Verdict::fail);
  Summary clean = merged({shard(1), shard(2)});
  EXPECT_TRUE(locked_of(clean).measured.faults.empty());
}

// Two inputs whose counts each fit 64 bits, but not their sum: merging them wrote a negative
// trial count (found by fuzz_summary_json).
TEST(Merge, RefusesCountsWhoseSumDoesNotFit) {
  MergeInput a = shard(1);
  MergeInput b = shard(2);
  for (MergeInput* input : {&a, &b}) {
    for (CellResult& cell : input->summary.results) cell.plan.trials = INT64_MAX / 2 + 1;
  }
  EXPECT_EQ(refusal({a, b}),
            "unsafe_counter/plain 2x100: the inputs' trials or reports add up to more than a "
            "64-bit count holds");
}

TEST(Merge, RefusesInputsThatDoNotFit) {
  EXPECT_EQ(
      refusal({shard(1), shard_with(2, {{"\"iterations\": 100", "\"iterations\": 1000"},
                                        {"\"expected_count\": 200", "\"expected_count\": 2000"}})}),
      "cells with different parameters: shard-1.json ran locked_counter/tsan with 2 threads x "
      "100 iterations, shard-2.json with 2 threads x 1000 iterations");
  EXPECT_EQ(
      refusal({shard(1), shard_with(2, "\"pin\": \"spread\"", "\"pin\": \"none\"")}),
      "cells with different parameters: shard-1.json ran locked_counter/tsan 2x100 with --pin "
      "spread, shard-2.json with --pin none");
  EXPECT_EQ(
      refusal({shard(1), shard(1)}),
      "shard-1.json and shard-1.json both hold trial 0 of seed 5 in unsafe_counter/plain 2x100 "
      "(the same shard or run twice?)");
  EXPECT_EQ(
      refusal({shard(1), shard_with(2, "\"case\": \"unsafe_counter\"", "\"case\": \"other\"")}),
      "shard-2.json has no cell unsafe_counter/plain 2x100, which shard-1.json has: merge needs "
      "the same cells in every input");
  EXPECT_EQ(refusal({shard(1), shard_with(2, "\"expectation\": \"safe\"",
                                          "\"expectation\": \"race\", \"caught_by\": [\"tsan\"], "
                                          "\"tsan_report\": \"data race\", \"blind_spot\": \"\"")}),
            "locked_counter/tsan 2x100 declares a different expectation in shard-1.json and "
            "shard-2.json (different versions of the case?)");
  EXPECT_EQ(refusal({}), "nothing to merge");
}

TEST(Merge, ACellStoppedOnItsOutcomesTakesInNoOtherInputsTrials) {
  for (const char* stop : {"\"stopped_by\": \"first detection\", ",
                           "\"stopped_by\": \"ci width\", \"interval_alpha\": 0.0125, ",
                           "\"interval_alpha\": 0.025, "}) {
    EXPECT_EQ(refusal({shard(1), shard_with(2, "\"trial_seconds\"",
                                            std::string(stop) + "\"trial_seconds\"")}),
              "shard-2.json: locked_counter/tsan 2x100 ran under a sequential stopping rule "
              "(--until-ci-width or --stop-on-detect), so its intervals cannot take in other "
              "inputs' trials")
        << stop;
  }
}

TEST(Merge, ACellStoppedByTheTimeBudgetMergesLikeAFixedOne) {
  const Summary s =
      merged({shard(1), shard_with(2, "\"trial_seconds\"",
                                   "\"stopped_by\": \"duration\", \"trial_seconds\"")});
  // Shard 2 lists locked_counter/tsan first; the merge keeps shard 1's order.
  EXPECT_EQ(s.results[0].measured.stopped_by, StopReason::trials);
  EXPECT_EQ(s.results[1].measured.stopped_by, StopReason::duration);
  EXPECT_EQ(s.results[1].measured.interval_alpha, 0.05);
  EXPECT_EQ(s.results[1].measured.failures.ci95.high, 1 - std::pow(0.05, 1.0 / 20));
}

TEST(Merge, RunsWithDifferentSeedsMergeAndKeepBothRanges) {
  const Summary s =
      merged({shard(1), shard_with(2, "\"seed\": 5, \"first\": 10", "\"seed\": 6, \"first\": 0")});
  const std::vector<TrialRange>& ranges = s.results[1].measured.trial_ranges;
  ASSERT_EQ(ranges.size(), 2u);
  EXPECT_EQ(ranges[0].seed, 5u);
  EXPECT_EQ(ranges[1].seed, 6u);
  EXPECT_EQ(ranges[1].count, 10);
}

// Two runs' clean model cells, trials [first, first + 150) of seed 5, drawn with k `steps`.
Measurement model_run(std::int64_t first, std::optional<std::int64_t> steps) {
  Measurement m;
  m.trials = 150;
  m.trial_ranges = {{5, first, 150}};
  m.lost_histogram = {{0, 0, 150}};
  if (steps) m.model = ModelSchedules{"pct", "c11", 2, *steps, 3, ""};
  return m;
}

std::optional<ModelSchedules> merged_schedules(const Measurement& a, const Measurement& b) {
  const std::string one = "one.json", two = "two.json";
  Result<Measurement> out = merge_measurements({{one, a}, {two, b}}, "locked/model 2x3",
                                               testing::kModel.info(), Expect::safe);
  EXPECT_TRUE(out) << message_of(out);
  EXPECT_EQ(out->trials, 300);
  return out->model;
}

TEST(Merge, ModelSchedulesCombineTowardOneBoundOnlyWhenNKAndDAgree) {
  std::optional<ModelSchedules> same = merged_schedules(model_run(0, 37), model_run(150, 37));
  ASSERT_TRUE(same);
  EXPECT_EQ(same->steps, 37);
  EXPECT_EQ(same->disagreement, "");

  std::optional<ModelSchedules> differ = merged_schedules(model_run(0, 37), model_run(150, 41));
  ASSERT_TRUE(differ);
  EXPECT_EQ(differ->disagreement,
            "runs with different schedules (pct, n 2, k 37, d 3; pct, n 2, k 41, d 3)");

  std::optional<ModelSchedules> unknown =
      merged_schedules(model_run(0, std::nullopt), model_run(150, 37));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->disagreement, "runs of which one does not say how its schedules were drawn");
}

TEST(Merge, AMergedSummaryRoundTripsThroughJson) {
  std::ostringstream written;
  write_json(merged({shard(1), shard(2)}), written);
  Result<Summary> read = read_summary_json(written.str());
  ASSERT_TRUE(read) << message_of(read);
  EXPECT_EQ(read->merged_from.size(), 2u);
  std::ostringstream again;
  write_json(*read, again);
  EXPECT_EQ(written.str(), again.str());
}

}  // namespace
}  // namespace lockstress
