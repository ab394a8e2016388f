#include "harness/reporters/reporters.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "sample_lock_summary.hpp"
#include "sample_summary.hpp"
#include "text_diff.hpp"

namespace lockstress {
namespace {

// Compares `received` with tests/approved/<name>. With LOCKSTRESS_UPDATE_APPROVED=1 in the
// environment it rewrites the approved file instead (review the diff before committing it).
void expect_approved(const std::string& name, const std::string& received) {
  const std::string path = std::string(LOCKSTRESS_APPROVED_DIR) + "/" + name;
  if (std::getenv("LOCKSTRESS_UPDATE_APPROVED")) {
    std::ofstream(path, std::ios::binary) << received;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "no approved file " << path
                  << " (set LOCKSTRESS_UPDATE_APPROVED=1 to create it)";
  std::ostringstream approved;
  approved << in.rdbuf();
  const std::string difference = testing::first_difference(approved.str(), received);
  if (difference.empty()) return;
  std::ofstream(name + ".received", std::ios::binary) << received;
  ADD_FAILURE() << path << " differs at " << difference << "\n(whole output in " << name
                << ".received in the test's working directory)";
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
  summary.results.at(0).reasons = {"Peterson's lock: *a* & #1 <b>"};
  std::ostringstream out;
  write_markdown(summary, out);
  EXPECT_NE(out.str().find("Peterson&#39;s lock: \\*a\\* &amp; \\#1 &lt;b&gt;"), std::string::npos)
      << out.str();
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

}  // namespace
}  // namespace lockstress
