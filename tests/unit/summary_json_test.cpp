#include "harness/summary_json/summary_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "harness/reporters/reporters.hpp"
#include "result_testing.hpp"
#include "sample_lock_summary.hpp"
#include "sample_summary.hpp"
#include "text_diff.hpp"

namespace lockstress {
namespace {

using testing::message_of;

std::string to_json(const Summary& summary) {
  std::ostringstream out;
  write_json(summary, out);
  return out.str();
}

std::string error_reading(const std::string& text) {
  Result<Summary> read = read_summary_json(text);
  EXPECT_FALSE(read) << text.substr(0, 80);
  return message_of(read);
}

// Replaces the first occurrence of `from` in the sample's JSON.
std::string sample_with(const std::string& from, const std::string& to) {
  std::string text = to_json(testing::sample_summary());
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(SummaryJson, RoundTripsEveryField) {
  const std::string written = to_json(testing::sample_summary());
  Result<Summary> read = read_summary_json(written);
  ASSERT_TRUE(read) << message_of(read);
  EXPECT_EQ(testing::first_difference(written, to_json(*read)), "");
}

// A model cell's schedules and replay data, and the replay command built from them.
TEST(SummaryJson, RoundTripsAModelCellsSchedules) {
  Summary summary = testing::sample_summary();
  summary.context.program = "./my lockstress";
  ScheduleStats m;
  m.schedules = 4;
  m.median_steps = 20.5;
  m.max_steps = 30;
  m.max_switches = 3;  // median unknown: a merge's
  m.fallbacks = 1;
  m.failing = 2;
  m.first_failing.push_back(
      FailingSchedule{1, 99, "pct/c11/d3/k20/s99", "0*5.1", 0x00ab, 2, 0, 1, false});
  summary.results[0].measured.schedule_stats = m;
  const std::string written = to_json(summary);
  EXPECT_NE(written.find("\"trace_hash\": \"00000000000000ab\""), std::string::npos);
  EXPECT_NE(written.find("--replay pct/c11/d3/k20/s99 --replay-choices '0*5.1' --expect-hash "
                         "00000000000000ab"),
            std::string::npos)
      << written;
  EXPECT_NE(written.find("'./my lockstress' run --case"), std::string::npos);
  Result<Summary> read = read_summary_json(written);
  ASSERT_TRUE(read) << message_of(read);
  EXPECT_EQ(testing::first_difference(written, to_json(*read)), "");
  ASSERT_TRUE(read->results[0].measured.schedule_stats);
  EXPECT_FALSE(read->results[0].measured.schedule_stats->median_switches);
  EXPECT_EQ(read->results[0].measured.schedule_stats->first_failing.at(0).trace_hash, 0xabu);
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"\"trace_hash\": \"00000000000000ab\"", "\"trace_hash\": \"ab\""},
           {"\"failing_schedules\": 2", "\"failing_schedules\": 5"},
           {"\"median\": 20.5", "\"median\": 31.0"}}) {
    std::string text = written;
    text.replace(text.find(from), from.size(), to);
    EXPECT_NE(error_reading(text).find("schedule_stats"), std::string::npos) << to;
  }
}

TEST(SummaryJson, RoundTripsAnInterruptedRun) {
  Summary summary = testing::sample_summary();
  summary.complete = false;
  summary.interrupted_by = 15;
  const std::string written = to_json(summary);
  EXPECT_NE(written.find("\"interrupted_by\": \"SIGTERM\""), std::string::npos);
  EXPECT_NE(written.find("\"exit_code\": 143"), std::string::npos);
  Result<Summary> read = read_summary_json(written);
  ASSERT_TRUE(read) << message_of(read);
  EXPECT_EQ(read->interrupted_by, 15);
  EXPECT_FALSE(read->complete);
  EXPECT_EQ(testing::first_difference(written, to_json(*read)), "");
}

TEST(SummaryJson, RoundTripsFairnessWithInfiniteRatios) {
  const std::string written = to_json(testing::sample_lock_summary());
  EXPECT_NE(written.find("\"worst_ratio\": null"), std::string::npos);
  Result<Summary> read = read_summary_json(written);
  ASSERT_TRUE(read) << message_of(read);
  EXPECT_EQ(testing::first_difference(written, to_json(*read)), "");
  ASSERT_TRUE(read->results.back().measured.fairness);
  EXPECT_TRUE(read->results.back().measured.fairness->starving());
}

TEST(SummaryJson, ReadsASummaryWrittenBeforeTheFingerprintAndFairness) {
  nlohmann::json document = nlohmann::json::parse(to_json(testing::sample_lock_summary()));
  for (const char* key : {"distribution", "kernel_version", "libc", "threads_per_core",
                          "cache_line_bytes", "build"}) {
    document["context"].erase(key);
  }
  for (auto& cell : document["results"]) cell.erase("fairness");
  Result<Summary> read = read_summary_json(document.dump());
  ASSERT_TRUE(read) << message_of(read);
  EXPECT_EQ(read->context.libc, "");
  EXPECT_EQ(read->context.threads_per_core, 0);
  EXPECT_FALSE(read->results.back().measured.fairness);
}

// Before variants were a list, a cell's variant named its kind, and the build had the plain and
// tsan flags only.
TEST(SummaryJson, ReadsASummaryWrittenBeforeVariantsHadKindsOfTheirOwn) {
  nlohmann::json document = nlohmann::json::parse(to_json(testing::sample_summary()));
  document["context"]["build"].erase("variants");
  for (auto& cell : document["results"]) cell.erase("detector");
  Result<Summary> read = read_summary_json(document.dump());
  ASSERT_TRUE(read) << message_of(read);
  EXPECT_EQ(read->results[1].plan.variant, testing::kTsan);
  ASSERT_EQ(read->context.variant_builds.size(), 2u);
  EXPECT_EQ(read->context.variant_builds[1].variant, testing::kTsan);
  EXPECT_EQ(read->context.variant_builds[1].runtime,
            testing::sample_summary().context.variant_builds[1].runtime);
  document["results"][0]["variant"] = "msan";
  EXPECT_EQ(error_reading(document.dump()), "results[0].variant: unknown variant 'msan'");
}

TEST(SummaryJson, ReadsASummaryWrittenBeforeStoppingRulesAsAFixedRun) {
  nlohmann::json document = nlohmann::json::parse(to_json(testing::sample_summary()));
  for (const char* key : {"start_line", "perturb", "stopping", "stopping_rule", "stopping_note"}) {
    document["context"].erase(key);
  }
  for (auto& cell : document["results"]) {
    for (const char* key : {"stopped_by", "interval_alpha", "report_rate_ci95_method"}) {
      cell.erase(key);
    }
  }
  Result<Summary> read = read_summary_json(document.dump());
  ASSERT_TRUE(read) << message_of(read);
  const Context fixed_run;
  EXPECT_EQ(read->context.stopping_rule, fixed_run.stopping_rule);
  EXPECT_FALSE(read->context.stopping.any());
  EXPECT_EQ(read->context.start_line, fixed_run.start_line);
  EXPECT_EQ(read->results[0].measured.stopped_by, StopReason::trials);
  EXPECT_EQ(read->results[0].measured.interval_alpha, 0.05);
  // Its intervals are the fixed-n ones again: 1 failure in 4 trials, Wilson at 95%.
  EXPECT_DOUBLE_EQ(read->results[0].measured.failures.ci95.low, wilson_interval(1, 4).low);
}

// Before the rule was typed, a summary had its words only: which rules they name is kept.
TEST(SummaryJson, ReadsTheRulesOfASummaryWrittenBeforeTheyWereTyped) {
  nlohmann::json document = nlohmann::json::parse(to_json(testing::sample_summary()));
  document["context"].erase("stopping");
  Result<Summary> read = read_summary_json(document.dump());
  ASSERT_TRUE(read) << message_of(read);
  EXPECT_TRUE(read->context.stopping.ci_width);
  EXPECT_TRUE(read->context.stopping.stop_on_detect);
  EXPECT_FALSE(read->context.stopping.duration_seconds);
}

TEST(SummaryJson, RefusesMalformedTruncatedAndForeignDocuments) {
  const std::string written = to_json(testing::sample_summary());
  EXPECT_EQ(error_reading("{"), "not valid JSON (malformed or truncated)");
  EXPECT_EQ(error_reading(written.substr(0, written.size() / 2)),
            "not valid JSON (malformed or truncated)");
  EXPECT_EQ(error_reading("[1, 2]"), ": expected a lockstress summary object");
  EXPECT_EQ(error_reading(R"({"schema": "lockstress.summary/2"})"),
            "schema 'lockstress.summary/2' is not lockstress.summary/1");
  EXPECT_EQ(error_reading(R"({"results": []})"), "schema: missing");
}

TEST(SummaryJson, NamesTheFieldThatIsWrong) {
  EXPECT_EQ(error_reading(sample_with("\"failed_trials\": 1", "\"failed_trials\": 30")),
            "results[0].failed_trials: 30 is out of range (0 to 4)");
  EXPECT_EQ(error_reading(sample_with("\"threads\": 2", "\"threads\": \"two\"")),
            "results[0].threads: expected a whole number");
  EXPECT_EQ(error_reading(sample_with("\"detector\": \"plain\",\n      \"threads\"",
                                      "\"detector\": \"msan\",\n      \"threads\"")),
            "results[0].detector: unknown detector 'msan'");
  EXPECT_EQ(error_reading(sample_with("\"detector\": \"plain\"", "\"detector\": \"msan\"")),
            "context.build.variants[0].detector: unknown detector 'msan'");
  EXPECT_EQ(error_reading(sample_with("\"variant\": \"plain\"", "\"variant\": \"plain O3\"")),
            "results[0].variant: '"
            "plain O3' is not a variant name (letters, digits, '_' and '-')");
  EXPECT_EQ(error_reading(sample_with("\"verdict\": \"pass\"", "\"verdict\": \"maybe\"")),
            "results[0].verdict: unknown verdict 'maybe'");
  EXPECT_EQ(error_reading(sample_with("\"trials\": 1\n          }\n        ]",
                                      "\"trials\": 2\n          }\n        ]")),
            "results[0].lost_updates.histogram: holds 5 trials, not 4");
  EXPECT_EQ(error_reading(sample_with("\"seed\": 7", "\"seed\": -7")),
            "context.seed: expected a non-negative whole number");
  EXPECT_EQ(error_reading(sample_with("650.0", "653.0")),
            "results[1].lost_updates.median_bounds: does not hold the median");
  EXPECT_EQ(error_reading(
                sample_with("\"stopped_by\": \"first detection\"", "\"stopped_by\": \"boredom\"")),
            "results[0].stopped_by: unknown reason 'boredom'");
  EXPECT_EQ(error_reading(sample_with("\"interval_alpha\": 0.05", "\"interval_alpha\": 0.5")),
            "results[0].interval_alpha: expected a number in (0, 0.05]");
  EXPECT_EQ(error_reading(sample_with("\"kind\": \"hung\"", "\"kind\": \"slow\"")),
            "results[5].faults[0].kind: unknown fault 'slow' (hung or crashed)");
  EXPECT_EQ(error_reading(sample_with("\"trial\": 3", "\"trial\": -3")),
            "results[5].faults[1].trial: -3 is out of range (0 to 9223372036854775807)");
  // Trials 0 and 2 finished, 1 and 3 faulted: a third fault is more than the 4 trials asked for.
  EXPECT_EQ(
      error_reading(sample_with("\"faults\": [",
                                "\"faults\": [{\"kind\": \"hung\", "
                                "\"trial\": 9, \"seed\": 1, \"cause\": \"\", \"output\": \"\"},")),
      "results[5].faults: more trials finished and faulted than were requested");
  EXPECT_EQ(error_reading(sample_with("\"complete\": true,",
                                      "\"complete\": true, \"interrupted_by\": \"SIGNOPE\",")),
            "interrupted_by: unknown signal 'SIGNOPE'");
}

}  // namespace
}  // namespace lockstress
