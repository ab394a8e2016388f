#include "harness/reporters/reporters.hpp"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "harness/summary/format.hpp"
#include "sample_lock_summary.hpp"
#include "sample_summary.hpp"
#include "text_diff.hpp"

namespace lockstress {
namespace {

// Compares `received` with tests/approved/<name>. On a difference (or no approved file) it fails
// and leaves the output in <build>/tests/received/<name>; the target lockstress_approve copies
// the received files over the approved ones, to be reviewed with `git diff` before committing.
// There is no mode in which this passes whatever it receives.
struct Dirs {
  std::filesystem::path approved = LOCKSTRESS_APPROVED_DIR;
  std::filesystem::path received = LOCKSTRESS_RECEIVED_DIR;
};

// The summary as each reporter but JSON writes it: console, Markdown, HTML, JUnit, SARIF.
std::vector<std::string> every_text_format(const Summary& summary) {
  std::ostringstream console, markdown, html, junit, sarif;
  write_console(summary, console);
  write_markdown(summary, markdown);
  write_html(summary, html);
  write_junit(summary, junit);
  write_sarif(summary, sarif);
  return {console.str(), markdown.str(), html.str(), junit.str(), sarif.str()};
}

void expect_approved(const std::string& name, const std::string& received, const Dirs& dirs = {}) {
  const std::filesystem::path approved_path = dirs.approved / name;
  const std::filesystem::path received_path = dirs.received / name;
  std::ifstream in(approved_path, std::ios::binary);
  const bool exists = static_cast<bool>(in);
  std::ostringstream approved;
  if (exists) approved << in.rdbuf();
  const std::string difference =
      exists ? "differs at " + testing::first_difference(approved.str(), received)
             : "does not exist";
  std::error_code ignored;
  if (exists && approved.str() == received) {
    std::filesystem::remove(received_path, ignored);  // a stale one must not be approved later
    return;
  }
  std::filesystem::create_directories(received_path.parent_path(), ignored);
  std::ofstream(received_path, std::ios::binary) << received;
  ADD_FAILURE() << approved_path.string() << " " << difference << "\n(whole output in "
                << received_path.string()
                << "; `cmake --build --preset default --target lockstress_approve` copies it over "
                   "the approved file)";
}

// The comparison itself: a missing approved file, or a difference, fails and leaves the output
// where lockstress_approve finds it; a match leaves nothing to approve.
TEST(Reporters, AnApprovalFailsOnADifferenceAndKeepsWhatItReceived) {
  const std::filesystem::path dir =
      std::filesystem::path(LOCKSTRESS_RECEIVED_DIR).parent_path() / "approval_self_test";
  const Dirs dirs{dir / "approved", dir / "received"};
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dirs.approved);
  const auto received = [&] {
    std::ifstream in(dirs.received / "x.txt", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return in ? text.str() : "<none>";
  };
  EXPECT_NONFATAL_FAILURE(expect_approved("x.txt", "new\n", dirs), "does not exist");
  EXPECT_EQ(received(), "new\n");
  std::ofstream(dirs.approved / "x.txt", std::ios::binary) << "old\n";
  EXPECT_NONFATAL_FAILURE(expect_approved("x.txt", "new\n", dirs),
                          "differs at line 1:\n  expected: old\n  actual:   new");
  EXPECT_EQ(received(), "new\n");
  expect_approved("x.txt", "old\n", dirs);
  EXPECT_EQ(received(), "<none>");
  std::filesystem::remove_all(dir);
}

TEST(Reporters, ConsoleMatchesTheApprovedFile) {
  std::ostringstream out;
  write_console(testing::sample_summary(), out);
  expect_approved("summary.console.txt", out.str());
}

TEST(Reporters, JsonMatchesTheApprovedFile) {
  std::ostringstream out;
  write_json(testing::sample_summary(), out);
  expect_approved("summary.json", out.str());
}

TEST(Reporters, MarkdownMatchesTheApprovedFile) {
  std::ostringstream out;
  write_markdown(testing::sample_summary(), out);
  expect_approved("summary.md", out.str());
}

TEST(Reporters, JunitMatchesTheApprovedFile) {
  std::ostringstream out;
  write_junit(testing::sample_summary(), out);
  expect_approved("summary.junit.xml", out.str());
}

TEST(Reporters, SarifMatchesTheApprovedFile) {
  std::ostringstream out;
  write_sarif(testing::sample_summary(), out);
  expect_approved("summary.sarif", out.str());
}

TEST(Reporters, HtmlMatchesTheApprovedFile) {
  std::ostringstream out;
  write_html(testing::sample_summary(), out);
  expect_approved("summary.html", out.str());
}

// The lock suite's lessons: which detector saw which bug, the blind spots said plainly, fairness.
TEST(Reporters, ConsoleShowsWhatEachDetectorSawAndFairness) {
  std::ostringstream out;
  write_console(testing::sample_lock_summary(), out);
  expect_approved("lock_suite.console.txt", out.str());
}

TEST(Reporters, JsonOfTheLockSuiteMatchesTheApprovedFile) {
  std::ostringstream out;
  write_json(testing::sample_lock_summary(), out);
  expect_approved("lock_suite.json", out.str());
}

// Entities stay whole: a '#' is escaped for Markdown, but not the one inside &#39;.
TEST(Reporters, MarkdownEscapesPunctuationButNotTheEntitiesItWrites) {
  Summary summary = testing::sample_summary();
  summary.results.at(0).grade.findings = {finding::CouldNotRun{"Peterson's lock: *a* & #1 <b>"}};
  std::ostringstream out;
  write_markdown(summary, out);
  EXPECT_NE(out.str().find("Peterson&#39;s lock: \\*a\\* &amp; \\#1 &lt;b&gt;"), std::string::npos)
      << out.str();
}

// An input's line break (a CPU model from /proc/cpuinfo, a merged file's name, TSAN_OPTIONS) must
// not end the paragraph and start a block of its own.
TEST(Reporters, MarkdownKeepsEachInputsTextOnItsOwnLine) {
  Summary summary = testing::sample_summary();
  summary.context.cpu_model = "Xeon\n\n# Forged heading";
  summary.context.tsan_options = "history_size=2\n\n- forged item";
  std::ostringstream out;
  write_markdown(summary, out);
  EXPECT_EQ(out.str().find("\n# Forged"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find("\n- forged"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("Xeon  \\# Forged heading"), std::string::npos) << out.str();
}

// What TSAN_OPTIONS overrides is in every text header, with what it does to the counts.
TEST(Reporters, TsanOptionsAndTheirWarningsAreInTheConsoleAndMarkdownHeaders) {
  Summary summary = testing::sample_summary();
  summary.context.tsan_options = "suppress_equal_stacks=1";
  std::ostringstream console, markdown;
  write_console(summary, console);
  write_markdown(summary, markdown);
  EXPECT_NE(console.str().find("  TSAN_OPTIONS: suppress_equal_stacks=1 (from the environment"),
            std::string::npos)
      << console.str();
  EXPECT_NE(console.str().find("  WARNING: TSAN_OPTIONS sets suppress_equal_stacks=1: TSan"),
            std::string::npos)
      << console.str();
  EXPECT_NE(markdown.str().find("`TSAN_OPTIONS` from the environment, which overrides the TSan "
                                "runner's own: `suppress_equal_stacks=1`."),
            std::string::npos)
      << markdown.str();
  EXPECT_NE(markdown.str().find("**Warning**: `TSAN_OPTIONS` sets `suppress_equal_stacks=1`: "),
            std::string::npos)
      << markdown.str();
}

// An include= names a file of the user's choosing: its name reaches the terminal escaped.
TEST(Reporters, ATsanOptionsWarningCannotWriteEscapeSequences) {
  Summary summary = testing::sample_summary();
  summary.context.tsan_options = "include=/tmp/\x1b[2Jx";
  std::ostringstream console;
  write_console(summary, console);
  EXPECT_EQ(console.str().find('\x1b'), std::string::npos) << console.str();
  EXPECT_NE(console.str().find("read from /tmp/\\x1b[2Jx"), std::string::npos) << console.str();
}

// A merge of machines with different CPU counts has no one count (0): no reporter says "0 CPUs".
TEST(Reporters, AMergeOfDifferentCpuCountsSaysSoInEveryHeader) {
  Summary summary = testing::sample_summary();
  summary.context.cpus = 0;
  std::ostringstream console, markdown, html, junit;
  write_console(summary, console);
  write_markdown(summary, markdown);
  write_html(summary, html);
  write_junit(summary, junit);
  for (const std::string& text : {console.str(), markdown.str(), html.str(), junit.str()}) {
    EXPECT_NE(text.find("CPUs that differ by input ("), std::string::npos) << text;
    EXPECT_EQ(text.find("0 CPUs"), std::string::npos) << text;
  }
}

// A model cell's failing schedule can be replayed from every report a user may be reading: the
// console's and Markdown's Why, the JUnit test case, the HTML page and the SARIF result.
TEST(Reporters, EveryReportSaysHowToReplayAFailingSchedule) {
  Summary summary = testing::sample_summary();
  auto with_report =
      std::find_if(summary.results.begin(), summary.results.end(),
                   [](const CellResult& c) { return !c.measured.unique_reports.empty(); });
  ASSERT_NE(with_report, summary.results.end());
  ScheduleStats m;
  m.schedules = 4;
  m.median_steps = 20;
  m.max_steps = 30;
  m.failing = 1;
  m.first_failing.push_back(
      FailingSchedule{1, 99, "pct/c11/d3/k20/s99", "0*5.1", 0x00ab, 2, 0, 1, false});
  with_report->measured.schedule_stats = m;
  for (const std::string& text : every_text_format(summary)) {
    EXPECT_NE(text.find("--replay pct/c11/d3/k20/s99"), std::string::npos) << text;
    EXPECT_NE(text.find("steps median 20 (max 30)"), std::string::npos) << text;
  }
}

// The platform is said one way (format_platform) in every header and in every merged input's line:
// the HTML list of inputs left out the OS, and a 1-CPU input read "1 CPUs".
TEST(Reporters, EveryHeaderAndMergedInputNamesThePlatformAlike) {
  Summary summary = testing::sample_summary();
  MergedInput input;
  input.file = "shard.json";
  input.context = summary.context;
  input.context.cpus = 1;
  input.context.cpu_model = "Other CPU";
  input.context.os = "Linux 6.8";
  summary.merged_from = {input};
  EXPECT_EQ(format_platform(input.context), "1 CPU (Other CPU), x86_64, Linux 6.8, clang 14.0.6");
  std::ostringstream console, markdown, html, junit;
  write_console(summary, console);
  write_markdown(summary, markdown);
  write_html(summary, html);
  write_junit(summary, junit);
  for (const std::string& text : {console.str(), html.str(), junit.str()}) {
    EXPECT_NE(text.find("2 CPUs (Test CPU), x86_64, Linux 6.1, clang 14.0.6"), std::string::npos)
        << text;
  }
  EXPECT_NE(markdown.str().find("2 CPUs (Test CPU), x86\\_64, Linux 6.1, clang 14.0.6"),
            std::string::npos)
      << markdown.str();
  EXPECT_NE(html.str().find("1 CPU (Other CPU), x86_64, Linux 6.8, clang 14.0.6"),
            std::string::npos)
      << html.str();
  EXPECT_NE(markdown.str().find("1 CPU (Other CPU), x86\\_64, Linux 6.8, clang 14.0.6"),
            std::string::npos)
      << markdown.str();
}

// A report that names no location (a thread leak TSan prints at exit) is named by its kind
// alone: "thread leak at , in ..." was printed in five formats.
TEST(Reporters, AReportWithoutALocationIsNamedByItsKind) {
  Summary summary = testing::sample_summary();
  for (CellResult& cell : summary.results) {
    for (UniqueReport& report : cell.measured.unique_reports) {
      report.kind = "thread leak";
      report.locations.clear();
      report.first_trial = -1;
    }
  }
  for (const std::string& text : every_text_format(summary)) {
    EXPECT_NE(text.find("thread leak"), std::string::npos) << text;
    EXPECT_EQ(text.find("thread leak at"), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace lockstress
