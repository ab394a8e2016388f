// Interrupting a run: SIGINT and SIGTERM write every output with what was measured, marked
// incomplete; a second SIGINT exits at once; a killed driver never leaves a half-written file,
// nor a runner behind.

#include <gtest/gtest.h>

#include <fstream>

#include "spawn.hpp"

namespace lockstress {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::find_cell;
using testing::Scratch;

// The control runs first (fast), then crawling_counter, whose trials take 2.5 s each.
std::vector<std::string> crawling_run(const std::string& seed, const std::string& json_path) {
  return {LOCKSTRESS_FAULTS_BINARY,
          "run",
          "--case",
          "crawling_counter",
          "--variant",
          "plain",
          "--threads",
          "2",
          "--iterations",
          "1000",
          "--trials",
          "10",
          "--seed",
          seed,
          "--timeout",
          "5",
          "--json",
          json_path};
}

// Any runner of this run; the seed tells it from other tests' runners.
std::string runner_marker(const std::string& seed) { return "--seed " + seed + " "; }

// The first crawling_counter runner of this run.
std::string crawling_marker(const std::string& seed) {
  return "crawling_counter --threads 2 --iterations 1000 --first-trial 0 --trials 10 --seed " +
         seed + " ";
}

void expect_interrupted_run_written(int signal, int exit_code, const std::string& seed) {
  Scratch scratch;
  const auto json_path = scratch / "summary.json";
  const pid_t pid = testing::start_program(crawling_run(seed, json_path.string()), scratch);
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(
      testing::eventually([&] { return testing::process_alive(crawling_marker(seed)); }, 20s));
  std::this_thread::sleep_for(3500ms);  // at least one 2.5 s trial done, the next under way
  const auto signalled = std::chrono::steady_clock::now();
  kill(pid, signal);
  const int status = testing::wait_for(pid);
  EXPECT_LT(std::chrono::steady_clock::now() - signalled, 5s);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), exit_code);
  EXPECT_TRUE(testing::eventually([&] { return !testing::process_alive(runner_marker(seed)); }, 5s))
      << "the runner outlived the driver";

  json summary = json::parse(testing::slurp(json_path));
  EXPECT_EQ(summary["complete"], false);
  EXPECT_EQ(summary["interrupted_by"], signal == SIGINT ? "SIGINT" : "SIGTERM");
  EXPECT_EQ(summary["exit_code"], exit_code);
  const json* control = find_cell(summary, "unsafe_counter", "plain");
  ASSERT_TRUE(control);
  EXPECT_EQ((*control)["trials"], 10);
  const json* partial = find_cell(summary, "crawling_counter", "plain");
  ASSERT_TRUE(partial) << "the partly run cell is kept";
  const int trials = (*partial)["trials"].get<int>();
  EXPECT_GE(trials, 1);
  EXPECT_LT(trials, 10);
  EXPECT_EQ((*partial)["reasons"].back(), "only " + std::to_string(trials) + " of 10 trials ran");
  EXPECT_NE(testing::slurp(scratch / "stdout").find("INCOMPLETE: the run was interrupted"),
            std::string::npos);
}

TEST(Interrupt, SigintWritesWhatWasMeasuredAndExits130) {
  expect_interrupted_run_written(SIGINT, 130, "770001");
}

TEST(Interrupt, SigtermWritesWhatWasMeasuredAndExits143) {
  expect_interrupted_run_written(SIGTERM, 143, "770002");
}

TEST(Interrupt, ASecondSigintExitsAtOnceAndLeavesNoHalfFile) {
  Scratch scratch;
  const auto json_path = scratch / "summary.json";
  const pid_t pid = testing::start_program(crawling_run("770003", json_path.string()), scratch);
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(
      testing::eventually([&] { return testing::process_alive(crawling_marker("770003")); }, 20s));
  kill(pid, SIGINT);
  kill(pid, SIGINT);
  const int status = testing::wait_for(pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  EXPECT_TRUE(
      testing::eventually([&] { return !testing::process_alive(runner_marker("770003")); }, 5s));
  if (std::filesystem::exists(json_path)) {
    EXPECT_FALSE(json::parse(testing::slurp(json_path), nullptr, false).is_discarded());
  }
}

// SIGKILL gives the driver no chance to write anything: the previous file must survive whole,
// and the runner must not outlive the driver.
TEST(Interrupt, AKilledRunLeavesThePreviousOutputWholeAndNoRunner) {
  Scratch scratch;
  const auto json_path = scratch / "summary.json";
  const std::string previous = "{\"schema\": \"lockstress.summary/1\", \"previous\": true}\n";
  std::ofstream(json_path) << previous;
  const pid_t pid = testing::start_program(crawling_run("770004", json_path.string()), scratch);
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(
      testing::eventually([&] { return testing::process_alive(crawling_marker("770004")); }, 20s));
  kill(pid, SIGKILL);
  testing::wait_for(pid);
  EXPECT_EQ(testing::slurp(json_path), previous);
  EXPECT_TRUE(
      testing::eventually([&] { return !testing::process_alive(runner_marker("770004")); }, 5s))
      << "the runner outlived the driver";
}

}  // namespace
}  // namespace lockstress
