// End to end: the start line, perturbation, time budget and stopping options of lockstress run.

#include <gtest/gtest.h>

#include "run_lockstress.hpp"

namespace lockstress {
namespace {

using nlohmann::json;
using testing::find_cell;
using testing::run_lockstress;
using testing::Scratch;

json run_json(const std::string& args, const Scratch& scratch, int* exit_code = nullptr) {
  const auto path = scratch / "summary.json";
  testing::Ran ran = run_lockstress(args + " --quiet --json '" + path.string() + "'", scratch);
  if (exit_code) *exit_code = ran.exit_code;
  EXPECT_EQ(ran.err, "") << args;
  return json::parse(testing::slurp(path));
}

// 2 x 100,000 loses updates in ~91% of trials and draws a report in every one: each cell stops
// within its first few trials.
TEST(PerformanceOptions, StopOnDetectEndsEachRaceCellAtItsFirstDetection) {
  Scratch scratch;
  json summary = run_json(
      "run --case unsafe_counter --threads 2 --iterations 100000 --trials 400 --seed 3 "
      "--stop-on-detect",
      scratch);
  EXPECT_EQ(summary["context"]["stopping_rule"],
            "stop a race cell at its first detection, a safe cell at its first failed trial");
  const json* plain = find_cell(summary, "unsafe_counter", "plain");
  const json* tsan = find_cell(summary, "unsafe_counter", "tsan");
  ASSERT_TRUE(plain && tsan);
  EXPECT_EQ((*plain)["stopped_by"], "first detection");
  EXPECT_EQ((*plain)["failed_trials"], 1);
  EXPECT_LT((*plain)["trials"].get<int>(), 400);
  EXPECT_EQ((*plain)["failure_rate_ci95_method"], "exact, trials until the first detection");
  EXPECT_EQ((*plain)["verdict"], "pass");
  EXPECT_EQ((*tsan)["stopped_by"], "first detection");
  EXPECT_EQ((*tsan)["sanitizer"]["trials_with_reports"], 1);
  EXPECT_EQ((*tsan)["sanitizer"]["report_rate_ci95_method"],
            "exact, trials until the first detection");
  // A safe case that never fails runs every trial (faults_test has one that fails).
  json safe = run_json(
      "run --case locked_counter --variant plain --threads 2 --iterations 1000 --trials 50 "
      "--seed 3 --stop-on-detect",
      scratch);
  const json* locked = find_cell(safe, "locked_counter", "plain");
  ASSERT_TRUE(locked);
  EXPECT_EQ((*locked)["stopped_by"], "trials");
  EXPECT_EQ((*locked)["trials"], 50);
}

TEST(PerformanceOptions, UntilCiWidthStopsAtALookWithIntervalsWidenedForIt) {
  Scratch scratch;
  json summary = run_json(
      "run --case locked_counter --variant plain --threads 2 --iterations 1000 --trials 5000 "
      "--seed 4 --until-ci-width 20%",
      scratch);
  const json* locked = find_cell(summary, "locked_counter", "plain");
  ASSERT_TRUE(locked);
  // 0 of n: the bound at look j (16 * 2^j trials, error 0.05 / 2^(j+1)) first drops below 20%
  // at 32 trials when at least 20 of them ran both workers at once (the bound is over those); a
  // loaded machine can take a look more.
  EXPECT_EQ((*locked)["stopped_by"], "ci width");
  const auto trials = (*locked)["trials"].get<std::int64_t>();
  const double counted = (*locked)["overlap"]["trials_with_overlap"].get<double>();
  EXPECT_TRUE(trials == 32 || trials == 64 || trials == 128) << trials;
  if (trials == 32) EXPECT_GE(counted, 20);
  const double alpha = trials == 32 ? 0.0125 : trials == 64 ? 0.00625 : 0.003125;
  EXPECT_DOUBLE_EQ((*locked)["interval_alpha"].get<double>(), alpha);
  EXPECT_NEAR((*locked)["failure_rate_ci95"][1].get<double>(), 1 - std::pow(alpha, 1.0 / counted),
              1e-9);
  EXPECT_NE(summary["context"]["stopping_note"].get<std::string>().find("jointly"),
            std::string::npos);
}

TEST(PerformanceOptions, DurationEndsCellsOnTimeNotOnTrials) {
  Scratch scratch;
  json summary = run_json(
      "run --case locked_counter --variant plain --threads 2 --iterations 1000 "
      "--duration 2s --seed 5",
      scratch);
  ASSERT_EQ(summary["results"].size(), 2u);
  for (const json& cell : summary["results"]) {
    EXPECT_EQ(cell["stopped_by"], "duration") << cell["case"];
    EXPECT_GT(cell["trials"].get<long>(), 0);
    EXPECT_LT(cell["trials"].get<long>(), cell["trials_requested"].get<long>());
  }
  EXPECT_NE(summary["context"]["rerun_command"].get<std::string>().find("--duration 2s"),
            std::string::npos);
}

TEST(PerformanceOptions, StartLineAndPerturbationAreRecordedAndStillCatchTheRace) {
  Scratch scratch;
  int exit_code = -1;
  json summary = run_json(
      "run --case unsafe_counter --threads 2 --iterations 100000 --trials 10 --seed 6 --start "
      "block "
      "--perturb random",
      scratch, &exit_code);
  EXPECT_EQ(exit_code, 0);
  EXPECT_EQ(summary["context"]["start_line"], "block");
  EXPECT_EQ(summary["context"]["perturb"], "random");
  const std::string rerun = summary["context"]["rerun_command"];
  EXPECT_NE(rerun.find("--start block --perturb random"), std::string::npos) << rerun;
  for (const json& cell : summary["results"]) EXPECT_EQ(cell["verdict"], "pass") << cell["variant"];
}

TEST(PerformanceOptions, BadValuesAreUsageErrors) {
  Scratch scratch;
  for (const char* args : {"run --start fast", "run --perturb jitter", "run --duration -1s",
                           "run --until-ci-width 0"}) {
    testing::Ran ran = run_lockstress(args, scratch);
    EXPECT_EQ(ran.exit_code, 2) << args;
    EXPECT_EQ(std::count(ran.err.begin(), ran.err.end(), '\n'), 1) << ran.err;
  }
}

}  // namespace
}  // namespace lockstress
