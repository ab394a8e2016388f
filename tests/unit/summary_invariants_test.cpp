// Summaries that lie: each edit below makes a summary contradict itself in a way lockstress never
// writes, and the reader must refuse it, naming the JSON path, before merge or compare can turn the
// contradiction into a verdict (issue 13: a safe cell with failed_trials 0 but 5,000 lost updates
// merged to "pass").

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "harness/summary_json/summary_json.hpp"
#include "result_testing.hpp"

namespace lockstress {
namespace {

using nlohmann::json;
using testing::message_of;

// The approved sample summary: cell 1 is unsafe_counter/tsan (4 trials, 3 failed, data races in
// all 4), cell 2 locked_counter/plain (4 clean trials), both 2 threads x 1,000.
json sample() {
  std::ifstream in(std::string(LOCKSTRESS_APPROVED_DIR) + "/summary.json");
  std::ostringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// The reader's message for the sample with `edit` applied.
template <class Edit>
std::string refusal(Edit edit) {
  json summary = sample();
  edit(summary);
  return message_of(read_summary_json(summary.dump()));
}

TEST(SummaryInvariants, TheSampleKeepsThemAll) {
  EXPECT_EQ(message_of(read_summary_json(sample().dump())), "ok");
}

TEST(SummaryInvariants, LostUpdatesWithoutAFailedTrialAreALie) {
  EXPECT_EQ(refusal([](json& s) {
              s["results"][2]["lost_updates"]["mean"] = 4000.0;
              s["results"][2]["lost_updates"]["max"] = 2000;
            }),
            "results[2].lost_updates.max: 2000 lost in a trial, but failed_trials is 0");
  // More than a trial makes.
  EXPECT_EQ(refusal([](json& s) { s["results"][1]["lost_updates"]["max"] = 5000; }),
            "results[1].lost_updates.max: 5000 lost of the 2000 a trial makes");
}

TEST(SummaryInvariants, NegativeOrDisorderedLostUpdatesAreALie) {
  EXPECT_EQ(refusal([](json& s) { s["results"][1]["lost_updates"]["mean"] = -3.0; }),
            "results[1].lost_updates.mean: outside [min, max]");
  EXPECT_EQ(refusal([](json& s) { s["results"][1]["lost_updates"]["min"] = -1; }),
            "results[1].lost_updates.min: -1: a trial cannot lose fewer than 0 updates");
  EXPECT_EQ(refusal([](json& s) { s["results"][1]["lost_updates"]["min"] = 1901; }),
            "results[1].lost_updates.min: 1901 is above max 1900");
  EXPECT_EQ(refusal([](json& s) {
              s["results"][1]["lost_updates"]["median_bounds"] = {0, 9000};
            }),
            "results[1].lost_updates.median_bounds: outside [min, max]");
}

TEST(SummaryInvariants, AHistogramThatDisagreesWithTheCountsIsALie) {
  // The zero bucket holds the trials that did not fail.
  EXPECT_EQ(refusal([](json& s) { s["results"][1]["failed_trials"] = 2; }),
            "results[1].lost_updates.histogram: 1 trials lost nothing, but failed_trials says 2");
  EXPECT_EQ(refusal([](json& s) { s["results"][1]["lost_updates"]["histogram"][1]["min"] = 3; }),
            "results[1].lost_updates.histogram[1]: [3, " +
                sample()["results"][1]["lost_updates"]["histogram"][1]["max"].dump() +
                "] is not a power-of-two bucket");
}

TEST(SummaryInvariants, ReportKindsBeyondTheTrialsWithReportsAreALie) {
  EXPECT_EQ(
      refusal([](json& s) {
        s["results"][2]["sanitizer"]["trials_by_kind"] = {{"data race", 2}};
      }),
      "results[2].sanitizer.trials_by_kind.data race: 2 trials, but trials_with_reports is 0");
  EXPECT_EQ(refusal([](json& s) { s["results"][1]["sanitizer"]["parsed_report_count"] = 1; }),
            "results[1].sanitizer.parsed_report_count: 1, but the unique reports occurred 9 times");
}

TEST(SummaryInvariants, CountsThatDoNotAddUpAreALie) {
  EXPECT_EQ(refusal([](json& s) { s["results"][2]["expected_count"] = 1999; }),
            "results[2].expected_count: 1999 is not threads x iterations (2 x 1000)");
  EXPECT_EQ(refusal([](json& s) { s["results"][2]["trials_requested"] = 3; }),
            "results[2].trials: 4 trials, more than the 3 requested");
  EXPECT_EQ(refusal([](json& s) { s["results"][2]["wall_seconds"] = -1.5; }),
            "results[2].wall_seconds: not a duration");
  EXPECT_EQ(refusal([](json& s) { s["results"][2]["trial_seconds"] = -0.001; }),
            "results[2].trial_seconds: not a duration");
  EXPECT_EQ(refusal([](json& s) {
              s["results"][2]["placement"]["worker_cpus"] = {0, 1, 0};
            }),
            "results[2].placement.worker_cpus: 3 workers placed, not 2");
}

TEST(SummaryInvariants, TheSameTrialTwiceInOneCellIsALie) {
  EXPECT_EQ(refusal([](json& s) {
              json& ranges = s["results"][2]["trial_ranges"];
              json half = ranges[0];
              half["count"] = 2;
              ranges = {half, half};
            }),
            "results[2].trial_ranges: holds trial 0 of seed " +
                sample()["results"][2]["trial_ranges"][0]["seed"].dump() + " twice");
}

TEST(SummaryInvariants, AnInterruptedSummaryIsIncomplete) {
  EXPECT_EQ(refusal([](json& s) { s["interrupted_by"] = "SIGTERM"; }),
            "complete: true, but interrupted_by names a signal");
}

}  // namespace
}  // namespace lockstress
