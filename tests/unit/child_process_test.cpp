#include "harness/driver/child_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>

namespace lockstress {
namespace {

using Clock = ChildWatch::Clock;
using namespace std::chrono_literals;

ChildOutcome run_shell(const std::string& script, std::string& output, ChildWatch watch = {},
                       bool progress_pipe = false, std::vector<std::string> env = {}) {
  watch.on_output = [&](std::string_view bytes) { output.append(bytes); };
  return run_child(ChildSpec{{"/bin/sh", "-c", script}, std::move(env), progress_pipe}, watch);
}

TEST(ChildProcess, CollectsStdoutAndStderrAndTheStatus) {
  std::string output;
  ChildOutcome outcome = run_shell("echo out; echo err >&2; exit 3", output);
  EXPECT_EQ(output, "out\nerr\n");
  EXPECT_EQ(outcome.exit_code, 3);
  EXPECT_FALSE(outcome.timed_out);
}

// qemu-user emulates posix_spawn's vfork as a fork, so a failed exec cannot be reported to the
// parent: the child exits 127 instead. A property of the emulator, not of lockstress on arm64.
TEST(ChildProcess, AMissingProgramIsASpawnError) {
  if (std::getenv("LOCKSTRESS_EMULATOR")) GTEST_SKIP() << "qemu-user cannot report a failed exec";
  ChildOutcome outcome = run_child(ChildSpec{{"/nonexistent/runner"}, {}, false}, {});
  ASSERT_TRUE(outcome.spawn_error);
  EXPECT_NE(outcome.spawn_error->find("cannot start /nonexistent/runner"), std::string::npos);
}

// `ulimit -n 8` read "cannot create a pipe: Invalid argument" (issue 13 item 8).
TEST(ChildProcess, TheDescriptorLimitIsNamedWhenNoPipeCanBeMade) {
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  rlimit low = saved;
  low.rlim_cur = 8;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
  ChildOutcome outcome = run_child(ChildSpec{{"/bin/true"}, {}, false}, {});
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &saved), 0);
  ASSERT_TRUE(outcome.spawn_error);
  EXPECT_EQ(*outcome.spawn_error,
            "cannot create a pipe: too many open files (the limit, ulimit -n, is 8)");
}

TEST(ChildProcess, ReplacesAndAddsEnvironmentVariables) {
  std::string output;
  run_shell("echo \"$HOME|$LOCKSTRESS_TEST_VAR\"", output, {}, false,
            {"HOME=/elsewhere", "LOCKSTRESS_TEST_VAR=x y"});
  EXPECT_EQ(output, "/elsewhere|x y\n");
}

// The child's whole process group goes, so a grandchild holding the pipe cannot keep us waiting.
TEST(ChildProcess, PastItsDeadlineTheChildAndItsGroupAreKilled) {
  std::string output;
  ChildWatch watch;
  const auto deadline = Clock::now() + 300ms;
  watch.deadline = [&] { return deadline; };
  const auto start = Clock::now();
  ChildOutcome outcome = run_shell("sleep 30 & echo started; wait", output, watch);
  EXPECT_TRUE(outcome.timed_out);
  EXPECT_EQ(outcome.signal, SIGKILL);
  EXPECT_EQ(output, "started\n");
  EXPECT_LT(Clock::now() - start, 5s);
}

TEST(ChildProcess, ProgressMovesTheDeadline) {
  std::string output;
  int progress = 0;
  ChildWatch watch;
  auto last = Clock::now();
  watch.on_progress = [&] {
    ++progress;
    last = Clock::now();
  };
  watch.deadline = [&] { return last + 400ms; };
  // 1.5 s in all, never more than 0.1 s without a byte on the progress pipe.
  ChildOutcome outcome =
      run_shell("i=0; while [ $i -lt 15 ]; do printf + >&" + std::to_string(kProgressFd) +
                    "; sleep 0.1; i=$((i+1)); done; echo done",
                output, watch, true);
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(output, "done\n");
  EXPECT_GE(progress, 5);
}

TEST(ChildProcess, TicksAtLeastOnceASecondWhileASilentChildRuns) {
  std::string output;
  int ticks = 0;
  ChildWatch watch;
  watch.on_tick = [&] { ++ticks; };
  // Silent for 2.5 s, with no deadline to wake the parent: only the ticks' own waits can.
  ChildOutcome outcome = run_shell("sleep 2.5", output, watch);
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_GE(ticks, 2);
}

TEST(ChildProcess, AReadableStopFdKillsTheChild) {
  // Under qemu-user 7.2 the spawned shell outlives the stop (seen in the cross-arm64 preset, not
  // diagnosed further): the emulator's process handling, since the same code passes natively.
  if (std::getenv("LOCKSTRESS_EMULATOR")) GTEST_SKIP() << "qemu-user: the child outlives the stop";
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_CLOEXEC), 0);
  ASSERT_EQ(write(fds[1], "!", 1), 1);
  std::string output;
  ChildWatch watch;
  watch.stop_fd = fds[0];
  int started = 0;
  watch.on_start = [&](int pid) { started = pid; };
  ChildOutcome outcome = run_shell("sleep 30", output, watch);
  EXPECT_TRUE(outcome.stopped);
  EXPECT_GT(started, 0);
  close(fds[0]);
  close(fds[1]);
}

// `kill -STOP` on the runner for 20 s with --timeout 3 read "fail: hung" (issue 13 item 7).
TEST(ChildProcess, AChildStoppedFromOutsideIsNotHungButIsKilledOnceStoppedTooLong) {
  if (std::getenv("LOCKSTRESS_EMULATOR")) GTEST_SKIP() << "not tried under qemu-user";
  std::string output;
  ChildWatch watch;
  const auto deadline = Clock::now() + 300ms;
  watch.deadline = [&] { return deadline; };
  const auto start = Clock::now();
  ChildOutcome outcome = run_shell("kill -STOP $$; echo never", output, watch);
  EXPECT_TRUE(outcome.stopped_from_outside);
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_EQ(outcome.signal, SIGKILL);
  EXPECT_EQ(output, "");
  EXPECT_GE(Clock::now() - start, 600ms);  // the deadline, then as long again stopped
}

TEST(ChildProcess, TimeStoppedIsNotLackOfProgress) {
  if (std::getenv("LOCKSTRESS_EMULATOR")) GTEST_SKIP() << "not tried under qemu-user";
  std::string output;
  ChildWatch watch;
  auto last = Clock::now();
  watch.on_output = [&](std::string_view bytes) {
    output.append(bytes);
    last = Clock::now();
  };
  watch.deadline = [&] { return last + 2s; };
  // Stopped past its deadline (2 s), continued 0.5 s after it was seen stopped: 1.5 s to spare.
  ChildOutcome outcome = run_child(
      ChildSpec{
          {"/bin/sh", "-c", "(sleep 2.5; kill -CONT $$) & kill -STOP $$; echo back"}, {}, false},
      watch);
  EXPECT_FALSE(outcome.timed_out);
  EXPECT_FALSE(outcome.stopped_from_outside);
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(output, "back\n");
}

// A child that closes its output and runs on is still watched.
TEST(ChildProcess, AChildThatClosedItsOutputStillHasADeadline) {
  std::string output;
  ChildWatch watch;
  const auto deadline = Clock::now() + 300ms;
  watch.deadline = [&] { return deadline; };
  ChildOutcome outcome = run_shell("exec >&- 2>&-; sleep 30", output, watch);
  EXPECT_TRUE(outcome.timed_out);
}

}  // namespace
}  // namespace lockstress
