// The real driver with fake runners (shell scripts beside a copy of it), for what no real case can
// do on demand: a TSan runtime that cannot start, a runner that is missing, exits 66 without a
// report, or prints bytes that are no protocol at all. And bad input, refused before anything runs.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "spawn.hpp"

namespace lockstress {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::find_cell;
using testing::Scratch;

// Reads the arguments the driver passes, so a script can answer in protocol.
constexpr const char* kReadArguments = R"(#!/bin/sh
first=0; trials=0; threads=0; iterations=0
while [ $# -gt 1 ]; do
  case "$1" in
    --first-trial) first=$2 ;; --trials) trials=$2 ;;
    --threads) threads=$2 ;; --iterations) iterations=$2 ;;
  esac
  shift
done
count=$((threads * iterations))
)";

// A copy of the driver in a scratch directory, with the real plain runner and `tsan_script` as its
// TSan runner (none when empty).
class FakeTsan {
 public:
  explicit FakeTsan(const std::string& tsan_script) {
    fs::copy_file(LOCKSTRESS_BINARY, driver_);
    fs::create_symlink(std::string(LOCKSTRESS_BINARY) + "-plain", scratch_ / "lockstress-plain");
    if (tsan_script.empty()) return;
    const auto tsan = scratch_ / "lockstress-tsan";
    std::ofstream(tsan) << kReadArguments << tsan_script;
    fs::permissions(tsan, fs::perms::owner_all);
  }

  // Runs the locked counter and the control in the TSan variant only.
  testing::Ran run(json& summary) const {
    const auto json_path = scratch_ / "summary.json";
    testing::Ran ran = testing::run_program(
        driver_.string(),
        "run --variant tsan --case locked_counter --threads 2 --iterations 1000 --trials 3 "
        "--seed 3 --json '" +
            json_path.string() + "'",
        scratch_);
    summary = json::parse(testing::slurp(json_path), nullptr, false);
    return ran;
  }

 private:
  Scratch scratch_;
  fs::path driver_ = scratch_ / "lockstress";
};

// Neither a pass nor a race: every TSan cell is an error naming `problem`, exit 4.
void expect_tsan_errors(const testing::Ran& ran, const json& summary, const std::string& problem) {
  EXPECT_EQ(ran.exit_code, 4) << ran.out << ran.err;
  ASSERT_TRUE(summary.is_object()) << ran.err;
  for (const char* name : {"unsafe_counter", "locked_counter"}) {
    const json* cell = find_cell(summary, name, "tsan");
    ASSERT_TRUE(cell) << name;
    EXPECT_EQ((*cell)["verdict"], "error") << name;
    EXPECT_NE((*cell)["error"].get<std::string>().find(problem), std::string::npos)
        << (*cell)["error"];
    EXPECT_EQ((*cell)["sanitizer"]["trials_with_reports"], 0);
    EXPECT_EQ((*cell)["sanitizer"]["unique_reports"].size(), 0u);
  }
}

TEST(FakeRunner, ATsanRuntimeThatCannotStartIsDiagnosedWithItsRemedies) {
  FakeTsan fake(
      "echo '==1==FATAL: ThreadSanitizer: unexpected memory mapping "
      "0x7b0000000000-0x7c0000000000'\n"
      "exit 66\n");
  json summary;
  testing::Ran ran = fake.run(summary);
  expect_tsan_errors(
      ran, summary,
      "the TSan runtime could not start on this kernel (==1==FATAL: ThreadSanitizer: "
      "unexpected memory mapping 0x7b0000000000-0x7c0000000000); remedies: run under "
      "`setarch $(uname -m) -R`, or `sysctl vm.mmap_rnd_bits=28`");
  EXPECT_NE(ran.out.find("setarch $(uname -m) -R"), std::string::npos) << ran.out;
}

TEST(FakeRunner, Status66AloneIsNeverARace) {
  FakeTsan fake(
      "i=$first; while [ $i -lt $((first + trials)) ]; do\n"
      "  echo \"@lockstress/1 trial index=$i seed=1 count=$count ns=5 reports=0\" >&2\n"
      "  i=$((i + 1))\n"
      "done\n"
      "echo \"@lockstress/1 end trials=$trials\" >&2\n"
      "exit 66\n");
  json summary;
  testing::Ran ran = fake.run(summary);
  expect_tsan_errors(ran, summary,
                     "exited with status 66 (the sanitizer's) after its last trial, "
                     "but printed no report");
  EXPECT_EQ((*find_cell(summary, "locked_counter", "tsan"))["trials"], 3) << "trials are kept";
}

TEST(FakeRunner, AMissingSuppressionsFileAtRunTimeIsAnError) {
  FakeTsan fake(
      "echo \"==1==ThreadSanitizer: failed to read suppressions file '/gone.supp'\"\n"
      "exit 66\n");
  json summary;
  testing::Ran ran = fake.run(summary);
  expect_tsan_errors(ran, summary, "the TSan runtime could not read its suppressions file");
}

TEST(FakeRunner, AMissingRunnerIsAnError) {
  FakeTsan fake("");
  json summary;
  testing::Ran ran = fake.run(summary);
  expect_tsan_errors(ran, summary, "lockstress-tsan: No such file or directory");
  EXPECT_EQ((*find_cell(summary, "unsafe_counter", "tsan"))["trials"], 0);
}

// NUL, invalid UTF-8, a line longer than any buffer: the driver neither crashes nor miscounts,
// and its JSON stays valid.
TEST(FakeRunner, BinaryGarbageIsAnErrorAndTheJsonStaysValid) {
  FakeTsan fake(
      "printf '\\000\\001\\377\\376 garbage\\n' >&2\n"
      "head -c 200000 /dev/zero | tr '\\0' x >&2; echo >&2\n"
      "echo \"@lockstress/1 trial index=$first seed=1 count=$count ns=5 reports=0\" >&2\n"
      "printf '@lockstress/1 trial index=99999999999999999999999 seed=1 count=1 ns=1 reports=0\\n' "
      ">&2\n"
      "exit 0\n");
  json summary;
  testing::Ran ran = fake.run(summary);
  expect_tsan_errors(ran, summary,
                     "runner protocol error after 1 of 3 trials: malformed trial record");
  EXPECT_EQ((*find_cell(summary, "locked_counter", "tsan"))["trials"], 1);
}

// A runner that claims more trials than it reported, or reports a count no trial can reach.
TEST(FakeRunner, RecordsThatContradictEachOtherAreAnError) {
  FakeTsan fake(
      "echo \"@lockstress/1 trial index=$first seed=1 count=$((count + 1)) ns=5 reports=0\" >&2\n"
      "exit 0\n");
  json summary;
  testing::Ran ran = fake.run(summary);
  expect_tsan_errors(ran, summary, "impossible trial record");
}

class Inputs : public ::testing::Test {
 protected:
  // Exit 2, one line on stderr, nothing on stdout, nothing written.
  void expect_refused(const std::string& args, const std::string& message) {
    const auto json_path = scratch_ / "summary.json";
    testing::Ran ran =
        testing::run_lockstress("run " + args + " --json '" + json_path.string() + "'", scratch_);
    EXPECT_EQ(ran.exit_code, 2) << args;
    EXPECT_EQ(ran.out, "") << args;
    EXPECT_EQ(ran.err, "lockstress: " + message + "\n") << args;
    EXPECT_FALSE(fs::exists(json_path)) << args;
  }
  Scratch scratch_;
};

TEST_F(Inputs, AbsurdSizesAndBadNumbersAreRefused) {
  expect_refused("--threads 100000", "--threads: 100000 is out of range (1 to 1024)");
  expect_refused("--iterations 1e18", "--iterations: '1e18' is not a whole number");
  expect_refused("--iterations 9223372036854775807",
                 "5 threads x --iterations 9223372036854775807 (unsafe_counter) is more "
                 "increments per trial than a 64-bit count holds");
  expect_refused("--timeout soon", "--timeout: 'soon' is not a number of seconds");
  expect_refused("--max-faults -1", "--max-faults: -1 is out of range (1 to 1000000000)");
}

TEST_F(Inputs, ASuppressionsFileIsCheckedBeforeAnythingRuns) {
  expect_refused("--suppressions /nonexistent/tsan.supp",
                 "--suppressions /nonexistent/tsan.supp: no such file");
  const auto bad = scratch_ / "bad.supp";
  std::ofstream(bad) << "# why: a typo\nrcae:UnguardedIncrement\n";
  expect_refused("--suppressions '" + bad.string() + "'",
                 "--suppressions " + bad.string() +
                     ":2: unknown suppression type 'rcae' (race, race_top, mutex, thread, signal, "
                     "called_from_lib, deadlock)");
  const auto unreadable = scratch_ / "dir.supp";
  fs::create_directory(unreadable);
  expect_refused("--suppressions '" + unreadable.string() + "'",
                 "--suppressions " + unreadable.string() + ": is a directory");
}

// The file reaches the TSan runner: suppressing the control's race leaves TSan nothing to see.
TEST_F(Inputs, ASuppressionsFileReachesTheTsanRunner) {
  const auto supp = scratch_ / "tsan.supp";
  std::ofstream(supp) << "# why: this test hides the control's race on purpose\n"
                         "race:UnguardedIncrement\n";
  const auto json_path = scratch_ / "summary.json";
  testing::Ran ran = testing::run_lockstress(
      "run --variant tsan --threads 2 --iterations 1000 --trials 3 --seed 4 --suppressions '" +
          supp.string() + "' --json '" + json_path.string() + "'",
      scratch_);
  EXPECT_EQ(ran.exit_code, 3) << ran.out << ran.err;
  json summary = json::parse(testing::slurp(json_path));
  const json* control = find_cell(summary, "unsafe_counter", "tsan");
  ASSERT_TRUE(control);
  EXPECT_EQ((*control)["verdict"], "inconclusive");
  EXPECT_EQ((*control)["sanitizer"]["trials_with_reports"], 0);
  EXPECT_NE(summary["context"]["rerun_command"].get<std::string>().find("--suppressions"),
            std::string::npos);
  // It leaves a trace: the file, and what it hid in each cell, as TSan counted it at exit.
  EXPECT_EQ(summary["context"]["suppressions_file"], supp.string());
  const json& suppressed = (*control)["suppressed"];
  EXPECT_TRUE(suppressed["rests_on_suppressions"]) << control->dump(2);
  ASSERT_EQ(suppressed["matches"].size(), 1u);
  EXPECT_EQ(suppressed["matches"][0]["type"], "race");
  EXPECT_EQ(suppressed["matches"][0]["pattern"], "UnguardedIncrement");
  const auto reports = suppressed["reports"].get<std::int64_t>();
  EXPECT_GE(reports, 3) << "one report at least in each trial";
  EXPECT_EQ(suppressed["matches"][0]["reports"], reports);
  EXPECT_NE(ran.out.find("Suppressions: " + supp.string() +
                         " (TSan runners)\n  unsafe_counter/tsan: " + std::to_string(reports) +
                         " reports suppressed, and none printed: its result rests on them"),
            std::string::npos)
      << ran.out;
}

}  // namespace
}  // namespace lockstress
