#include "harness/driver/runner_end.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <algorithm>

#include "test_variants.hpp"

namespace lockstress {
namespace {

constexpr const char* kTwoTrials =
    "@lockstress/1 trial index=0 seed=1 count=4 ns=7 reports=0\n"
    "@lockstress/1 trial index=1 seed=2 count=4 ns=7 reports=0\n";
constexpr const char* kEnd = "@lockstress/1 end trials=2\n";
constexpr const char* kReport =
    "==================\nWARNING: ThreadSanitizer: data race (pid=1)\n==================\n";

RunnerEnd judge(const std::string& output, ChildOutcome outcome,
                Variant variant = testing::kPlain) {
  RunnerStream stream([](TrialEvent) {}, 0, 4);
  stream.feed(output);
  stream.finish();
  return judge_runner(outcome, stream, variant.info(), 2);
}

ChildOutcome exited(int status) {
  ChildOutcome outcome;
  outcome.exit_code = status;
  return outcome;
}

ChildOutcome killed(int signal) {
  ChildOutcome outcome;
  outcome.signal = signal;
  return outcome;
}

using Kind = RunnerEnd::Kind;

TEST(JudgeRunner, ACleanRunIsFinished) {
  EXPECT_EQ(judge(std::string(kTwoTrials) + kEnd, exited(0)).kind, Kind::finished);
  // 66 after printing a report is the TSan runtime's way of exiting; the report counts, not it.
  EXPECT_EQ(judge(kReport + std::string(kTwoTrials) + kEnd, exited(66), testing::kTsan).kind,
            Kind::finished);
}

TEST(JudgeRunner, Status66WithoutAnyReportIsNeverARace) {
  const RunnerEnd end = judge(std::string(kTwoTrials) + kEnd, exited(66), testing::kTsan);
  EXPECT_EQ(end.kind, Kind::broken);
  EXPECT_NE(end.cause.find("printed no report"), std::string::npos) << end.cause;
  EXPECT_EQ(judge(kReport + std::string(kTwoTrials) + kEnd, exited(66), testing::kPlain).kind,
            Kind::broken);
}

TEST(JudgeRunner, SignalsTheCodeRaisesAreCrashesOthersAreNot) {
  for (int signal : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL}) {
    const RunnerEnd end = judge(kTwoTrials, killed(signal));
    EXPECT_EQ(end.kind, Kind::crashed) << signal;
    EXPECT_EQ(end.cause, signal_name(signal));
  }
  const RunnerEnd outside = judge(kTwoTrials, killed(SIGKILL));
  EXPECT_EQ(outside.kind, Kind::broken);
  EXPECT_NE(outside.cause.find("SIGKILL after 2 of 2 trials, from outside lockstress"),
            std::string::npos)
      << outside.cause;
}

TEST(JudgeRunner, ASanitizersDeadlySignalReportIsACrash) {
  const RunnerEnd end = judge(std::string(kTwoTrials) +
                                  "ThreadSanitizer:DEADLYSIGNAL\n"
                                  "==9==ERROR: ThreadSanitizer: SEGV on unknown address 0x08 "
                                  "(pc 0x5 bp 0x6 sp 0x7 T9)\n==9==ABORTING\n",
                              exited(66), testing::kTsan);
  EXPECT_EQ(end.kind, Kind::crashed);
  EXPECT_EQ(end.cause, "SIGSEGV (ThreadSanitizer: SEGV on unknown address 0x08)");
}

TEST(JudgeRunner, AnExceptionRecordIsACrashWithItsText) {
  const RunnerEnd end = judge(std::string(kTwoTrials) +
                                  "@lockstress/1 exception index=2 seed=3 what=std::bad_alloc: "
                                  "std::bad_alloc\n",
                              exited(70));
  EXPECT_EQ(end.kind, Kind::crashed);
  EXPECT_EQ(end.cause, "std::bad_alloc: std::bad_alloc");
}

// `ulimit -u 3` made every cell, the control too, "fail: crashed ... cannot start a worker
// thread" (issue 13 item 6): a limit of the machine is an error naming it, never the lock's fault.
TEST(JudgeRunner, AWorkerThreadThePoolCannotStartIsAnErrorNamingTheLimit) {
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_NPROC, &saved), 0);
  rlimit low = saved;
  low.rlim_cur = std::min<rlim_t>(saved.rlim_max, 3);
  ASSERT_EQ(setrlimit(RLIMIT_NPROC, &low), 0);
  const RunnerEnd record = judge(std::string(kTwoTrials) +
                                     "@lockstress/1 exception index=2 seed=3 what=std::runtime_error: "
                                     "cannot start a worker thread: Resource temporarily unavailable\n",
                                 exited(70));
  // What the runner really does (seen with setpriv and `ulimit -u 3`): std::terminate.
  const RunnerEnd aborted = judge(
      std::string(kTwoTrials) +
          "terminate called after throwing an instance of 'std::runtime_error'\n"
          "  what():  cannot start a worker thread: Resource temporarily unavailable\n",
      killed(SIGABRT));
  ASSERT_EQ(setrlimit(RLIMIT_NPROC, &saved), 0);
  const std::string limit =
      "the runner cannot start a worker thread (the limit on processes, ulimit -u, is " +
      std::to_string(low.rlim_cur) + "); last output: ";
  EXPECT_EQ(record.kind, Kind::broken);
  EXPECT_EQ(record.cause.rfind(limit, 0), 0u) << record.cause;
  EXPECT_EQ(aborted.kind, Kind::broken);
  EXPECT_EQ(aborted.cause,
            limit + "terminate called after throwing an instance of 'std::runtime_error' |   "
                    "what():  cannot start a worker thread: Resource temporarily unavailable");
}

TEST(JudgeRunner, ARunnerStoppedFromOutsideTooLongIsAnErrorNotAHang) {
  ChildOutcome stopped = killed(SIGKILL);
  stopped.stopped_from_outside = true;
  const RunnerEnd end = judge(kTwoTrials, stopped);
  EXPECT_EQ(end.kind, Kind::broken);
  EXPECT_EQ(end.cause,
            "the runner was stopped from outside (SIGSTOP, job control or a debugger) for longer "
            "than its timeout after 2 of 2 trials");
}

TEST(JudgeRunner, TheWatchdogsKillIsAHangUnlessTheProtocolBrokeFirst) {
  ChildOutcome timed_out = killed(SIGKILL);
  timed_out.timed_out = true;
  EXPECT_EQ(judge(kTwoTrials, timed_out).kind, Kind::hung);
  EXPECT_EQ(judge("@lockstress/1 trial index=zero\n", timed_out).kind, Kind::broken);
}

TEST(JudgeRunner, TheTsanRuntimeFailingToStartIsAnErrorWithItsRemedies) {
  const RunnerEnd end =
      judge("FATAL: ThreadSanitizer: unexpected memory mapping 0x7b0000000000-0x7c0000000000\n",
            exited(66), testing::kTsan);
  EXPECT_EQ(end.kind, Kind::broken);
  EXPECT_NE(end.cause.find("setarch $(uname -m) -R"), std::string::npos);
  EXPECT_NE(end.cause.find("vm.mmap_rnd_bits=28"), std::string::npos);
  EXPECT_EQ(judge("==7==ThreadSanitizer: failed to read suppressions file '/x'\n", exited(66),
                  testing::kTsan)
                .kind,
            Kind::broken);
}

TEST(JudgeRunner, ExitingEarlyOrBadlyIsAnError) {
  const RunnerEnd early =
      judge("@lockstress/1 trial index=0 seed=1 count=4 ns=7 reports=0\n", exited(3));
  EXPECT_EQ(early.kind, Kind::broken);
  EXPECT_NE(early.cause.find("exited with status 3 after 1 of 2 trials"), std::string::npos);
  EXPECT_EQ(judge(std::string(kTwoTrials) + kEnd, exited(1)).kind, Kind::broken);
  ChildOutcome missing;
  missing.spawn_error = "cannot start x: No such file or directory";
  EXPECT_EQ(judge("", missing).cause, "cannot start x: No such file or directory");
}

TEST(JudgeRunner, AStoppedRunnerIsStopped) {
  ChildOutcome stopped = killed(SIGKILL);
  stopped.stopped = true;
  EXPECT_EQ(judge(kTwoTrials, stopped).kind, Kind::stopped);
}

}  // namespace
}  // namespace lockstress
