// Runs the real lockstress (driver and both runners) end to end and checks the JSON it writes.

#include <gtest/gtest.h>

#include "run_lockstress.hpp"

namespace lockstress {
namespace {

using nlohmann::json;
using testing::find_cell;
using testing::run_lockstress;
using testing::Scratch;

// 2 threads x 100,000 increments lose updates in ~91% of trials on a 2-core machine (measured),
// so 20 trials miss every time with probability ~0.09^20: never, in practice.
TEST(Run, BothDetectorsCatchTheUnsafeCounterAndNeitherFaultsTheLockedOne) {
  Scratch scratch;
  const auto json_path = scratch / "summary.json";
  testing::Ran ran = run_lockstress(
      "run --case locked_counter --threads 2 --iterations 100000 --trials 20 --seed 5 --json '" +
          json_path.string() + "'",
      scratch);
  ASSERT_EQ(ran.exit_code, 0) << ran.out << ran.err;
  json summary = json::parse(testing::slurp(json_path));
  EXPECT_EQ(summary["schema"], "lockstress.summary/1");
  EXPECT_EQ(summary["complete"], true);
  EXPECT_EQ(summary["context"]["seed"], 5);
  EXPECT_GE(summary["context"]["cpus"].get<int>(), 1);
  // The control was added, and both cases ran in the model too (at its own sizes, 2 x 3).
  ASSERT_EQ(summary["results"].size(), 6u);

  const json* unsafe_plain = find_cell(summary, "unsafe_counter", "plain");
  const json* unsafe_tsan = find_cell(summary, "unsafe_counter", "tsan");
  const json* locked_plain = find_cell(summary, "locked_counter", "plain");
  const json* locked_tsan = find_cell(summary, "locked_counter", "tsan");
  ASSERT_TRUE(unsafe_plain && unsafe_tsan && locked_plain && locked_tsan);

  EXPECT_EQ((*unsafe_plain)["trials"], 20);
  EXPECT_GT((*unsafe_plain)["failed_trials"].get<int>(), 0);
  EXPECT_GT((*unsafe_plain)["lost_updates"]["max"].get<long>(), 0);
  EXPECT_EQ((*unsafe_plain)["verdict"], "pass");
  EXPECT_EQ((*unsafe_plain)["placement"]["pin"], "spread");
  EXPECT_EQ((*unsafe_plain)["placement"]["worker_cpus"].size(), 2u);

  // Every trial races, and per-trial reporting sees it: the TSan runner staggers worker starts,
  // so two threads never make their first access in lockstep, when TSan's same-access fast path
  // would skip every later check of the trial. Measured: 100/100 trials at 2 x 100,000 and 1,799
  // of 1,800 at the default run's points (before the stagger: 92/100 at 2 x 100,000). The margin
  // allows a miss or two on a loaded machine.
  EXPECT_GE((*unsafe_tsan)["sanitizer"]["trials_with_reports"].get<int>(), 18);
  EXPECT_EQ((*unsafe_tsan)["sanitizer"]["trials_by_kind"]["data race"],
            (*unsafe_tsan)["sanitizer"]["trials_with_reports"]);
  ASSERT_GE((*unsafe_tsan)["sanitizer"]["unique_reports"].size(), 1u);
  const json& report = (*unsafe_tsan)["sanitizer"]["unique_reports"][0];
  EXPECT_EQ(report["kind"], "data race");
  EXPECT_NE(report["location"].get<std::string>().find("cases/unsafe_counter.cpp"),
            std::string::npos)
      << report["location"];
  EXPECT_NE(report["example"].get<std::string>().find("WARNING: ThreadSanitizer: data race"),
            std::string::npos);
  EXPECT_EQ((*unsafe_tsan)["sanitizer"]["runtime_report_count"],
            (*unsafe_tsan)["sanitizer"]["parsed_report_count"]);
  EXPECT_EQ((*unsafe_tsan)["verdict"], "pass");

  for (const json* locked : {locked_plain, locked_tsan}) {
    EXPECT_EQ((*locked)["trials"], 20);
    EXPECT_EQ((*locked)["failed_trials"], 0);
    EXPECT_EQ((*locked)["sanitizer"]["trials_with_reports"], 0);
    EXPECT_EQ((*locked)["sanitizer"]["unique_reports"].size(), 0u);
    EXPECT_EQ((*locked)["verdict"], "pass");
    // The plain bound is over the trials whose workers ran at once; TSan's over all of them.
    const double counted = (*locked)["variant"] == "plain"
                               ? (*locked)["overlap"]["trials_with_overlap"].get<double>()
                               : 20.0;
    EXPECT_NEAR((*locked)["failure_rate_ci95"][1].get<double>(), 1 - std::pow(0.05, 1.0 / counted),
                1e-9);
  }
  // The console summary shows both detectors and how to rerun.
  EXPECT_NE(ran.out.find("unsafe_counter  tsan"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("--seed 5"), std::string::npos);
  EXPECT_EQ(ran.err, "");
}

TEST(Run, UsageErrorsAreOneLineExitTwoAndWriteNothing) {
  Scratch scratch;
  const auto json_path = scratch / "summary.json";
  for (const std::string& args : std::vector<std::string>{
           "run --case no_such_case", "run --threads 0", "run --iterations many",
           "run --variant msan", "run --trials", "run --bogus", "explode",
           "run --json '" + (scratch / "no/dir/x.json").string() + "'",
           "run --html '" + (scratch / "no/dir/x.html").string() + "'",
           "run --markdown '" + (scratch / "same").string() + "' --junit '" +
               (scratch / "same").string() + "'",
           "run --shard 2/3", "run --variant plain spinlock"}) {
    const bool own_json = args.find("--json") != std::string::npos;
    testing::Ran ran =
        run_lockstress(own_json ? args : args + " --json '" + json_path.string() + "'", scratch);
    EXPECT_EQ(ran.exit_code, 2) << args;
    EXPECT_EQ(ran.out, "") << args;
    EXPECT_EQ(std::count(ran.err.begin(), ran.err.end(), '\n'), 1) << args << ": " << ran.err;
    EXPECT_EQ(ran.err.rfind("lockstress: ", 0), 0u) << ran.err;
    EXPECT_FALSE(std::filesystem::exists(json_path)) << args;
  }
}

TEST(Run, ProgressGoesToStderrOnlyWhenAskedForOutsideATerminal) {
  Scratch scratch;
  const std::string args =
      "run --case locked_counter --variant plain --threads 2 --iterations 1000 --trials 3 --seed 1";
  testing::Ran quiet = run_lockstress(args, scratch);
  EXPECT_EQ(quiet.err, "");
  testing::Ran forced = run_lockstress(args + " --quiet --progress", scratch);
  EXPECT_EQ(forced.out, "");
  EXPECT_NE(forced.err.find("lockstress: unsafe_counter/plain 3/3 trials, "), std::string::npos)
      << forced.err;
  EXPECT_NE(
      forced.err.find("lockstress: locked_counter/plain 3/3 trials, 0 failed; run 6/6, ETA 0 s\n"),
      std::string::npos)
      << forced.err;
}

TEST(Run, ListShowsEveryCaseWithItsExpectation) {
  Scratch scratch;
  testing::Ran ran = run_lockstress("list", scratch);
  EXPECT_EQ(ran.exit_code, 0);
  // Every case of the catalogue, with its expectation and its own default parameters.
  for (const char* line : {"unsafe_counter        race, caught by plain+tsan+model  5x100000, 200 trials; model 2x3, 300 trials",
                           "atomic_counter        safe                              5x100000, 100 trials; model 2x3, 300 trials",
                           "split_rmw_relaxed     race, caught by plain+model       5x100000, 100 trials; model 2x3, 300 trials",
                           "locked_counter        safe                              5x100000, 200 trials; model 2x3, 300 trials",
                           "std_shared_mutex      safe",
                           "std_recursive_mutex   safe",
                           "binary_semaphore      safe",
                           "pthread_spinlock      safe                              2x10000, 100 trials; model 2x3, 300 trials",
                           "spinlock              safe",
                           "spinlock_relaxed      race, caught by tsan+model        2x1000, 100 trials; model 2x3, 300 trials",
                           "ttas_spinlock         safe",
                           "ticket_lock           safe",
                           "peterson_seq_cst      safe",
                           "peterson_acq_rel      race, caught by plain+model       2x10000, 100 trials; model 2x3, 300 trials",
                           "lock_order_inversion  race, caught by tsan+model        2x10000, 100 trials; model 2x3, 300 trials",
                           "mcs_lock              safe",
                           "mcs_relaxed_handoff   race, caught by tsan+model",
                           "std_mutex_try         safe",
                           "c_spinlock            safe",
                           "c_try_spinlock        safe",
                           "c_check_then_set      race, caught by plain+tsan+model",
                           "std_shared_mutex_rw   safe",
                           "pthread_rwlock        safe",
                           "rw_spinlock           safe",
                           "rw_readers_dont_wait  race, caught by plain+tsan"}) {
    EXPECT_NE(ran.out.find(line), std::string::npos) << line << "\n" << ran.out;
  }
  EXPECT_NE(ran.out.find("[threads 2-2]"), std::string::npos);
}

TEST(Run, HelpDocumentsTheExitCodes) {
  Scratch scratch;
  testing::Ran ran = run_lockstress("run --help", scratch);
  EXPECT_EQ(ran.exit_code, 0);
  EXPECT_NE(ran.out.find("3  inconclusive"), std::string::npos);
}

// It aborted with "filesystem_error ... cannot get current path", exit 134 (issue 13 item 8).
TEST(Run, AWorkingDirectoryDeletedUnderItIsOneLineExitFourAndNothingWritten) {
  Scratch scratch;
  const auto json_path = scratch / "summary.json";
  const std::string script = "mkdir " + (scratch / "gone").string() + " && cd " +
                             (scratch / "gone").string() + " && rmdir ../gone && exec " +
                             LOCKSTRESS_BINARY + " run --case locked_counter --iterations 100 "
                             "--trials 1 --json " + json_path.string();
  testing::Ran ran = testing::run_program("/bin/sh", "-c '" + script + "'", scratch);
  EXPECT_EQ(ran.exit_code, 4);
  EXPECT_EQ(ran.err,
            "lockstress: the working directory no longer exists (No such file or directory): run "
            "lockstress from one that does\n");
  EXPECT_FALSE(std::filesystem::exists(json_path));
}

TEST(Run, ARunnerStartedByHandRefusesAndPointsAtTheDriver) {
  Scratch scratch;
  const std::string runner = std::string(LOCKSTRESS_BINARY) + "-plain";
  EXPECT_EQ(testing::run_program(runner, "", scratch).exit_code, 2);
}

}  // namespace
}  // namespace lockstress
