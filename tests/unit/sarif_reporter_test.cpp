// What GitHub code scanning needs of the SARIF beyond its schema: repository-relative locations,
// fingerprints that stay put across runs, both stacks of each report, and where the code came
// from. (The Multitool's GitHub rules check the whole document: tests/validation/.)

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "harness/reporters/reporters.hpp"
#include "harness/reporters/sarif_rules.hpp"
#include "harness/summary/source_control.hpp"
#include "sample_summary.hpp"
#include "test_data.hpp"

namespace lockstress {
namespace {

nlohmann::json sarif_of(const Summary& summary) {
  std::ostringstream out;
  write_sarif(summary, out);
  return nlohmann::json::parse(out.str());
}

// The sample's control, with a real clang 14 report captured under /work/main.
Summary with_real_report() {
  Summary summary = testing::sample_summary();
  summary.context.source_root = "/work/main";
  summary.results[1].measured.unique_reports[0].locations = {
      {"lockstress::(anonymous namespace)::UnguardedIncrement::operator()(long&, int)",
       "cases/unsafe_counter.cpp", 13, 58}};
  summary.results[1].measured.unique_reports[0].example =
      testing::read_test_data("tsan_clang_data_race_unsafe_counter.txt");
  return summary;
}

TEST(SarifReporter, EachReportHasItsAccessesAsRelatedLocationsAndItsStacksAsThreadFlows) {
  const nlohmann::json result = sarif_of(with_real_report())["runs"][0]["results"][0];
  ASSERT_EQ(result["locations"].size(), 1u);
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"],
            nlohmann::json({{"uri", "cases/unsafe_counter.cpp"}, {"uriBaseId", "%SRCROOT%"}}));
  ASSERT_EQ(result["relatedLocations"].size(), 2u);
  EXPECT_EQ(result["relatedLocations"][1]["message"]["text"],
            "Previous write of size 8 at 0x7b3000000040 by main thread");
  EXPECT_EQ(result["relatedLocations"][1]["physicalLocation"]["region"]["startLine"], 13);
  const nlohmann::json& flows = result["codeFlows"][0]["threadFlows"];
  ASSERT_EQ(flows.size(), 2u);
  EXPECT_EQ(flows[0]["message"]["text"], "Write of size 8 at 0x7b3000000040 by thread T1");
  // Outermost call first, as a flow is read; library frames are there but unimportant, with
  // their '..' segments resolved; a frame TSan could not name at all (#15, "<null> <null>") is not.
  const nlohmann::json& steps = flows[0]["locations"];
  ASSERT_EQ(steps.size(), 15u);
  EXPECT_EQ(steps.back()["location"]["physicalLocation"]["artifactLocation"]["uri"],
            "harness/include/lockstress/unlocked_increment.hpp");
  EXPECT_EQ(steps[steps.size() - 2]["importance"], "essential");
  EXPECT_EQ(steps[10]["importance"], "unimportant");
  EXPECT_EQ(steps[10]["location"]["physicalLocation"]["artifactLocation"]["uri"],
            "file:///usr/include/c%2B%2B/12/bits/invoke.h");
}

TEST(SarifReporter, AFingerprintIgnoresLinesCountsAndSweepPointsButNotTheCaseOrFunctions) {
  const Summary first = testing::sample_summary();
  Summary second = first;
  UniqueReport& report = second.results[1].measured.unique_reports[0];
  report.locations[0].line += 7;  // an edit above the race
  report.trials = 1;
  second.results[1].plan.threads = 8;
  second.results[1].measured.trials = 400;
  const auto fingerprint = [](const Summary& summary) {
    return sarif_of(
        summary)["runs"][0]["results"][0]["partialFingerprints"]["lockstressFinding/v1"];
  };
  EXPECT_EQ(fingerprint(first), fingerprint(second));
  EXPECT_EQ(fingerprint(first).get<std::string>().size(), 16u);
  second.results[1].plan.case_name = "other_case";
  EXPECT_NE(fingerprint(first), fingerprint(second));
  second = first;
  second.results[1].measured.unique_reports[0].locations[0].function = "renamed(int)";
  EXPECT_NE(fingerprint(first), fingerprint(second));
}

// A model cell's expected report is the one the case names for the model ("deadlock" for a lock
// order inversion), not TSan's: a note, where any other report is an error.
TEST(SarifReporter, AModelCellsExpectedReportIsTheOneItsCaseNamesForTheModel) {
  Summary summary = testing::sample_summary();
  summary.results.resize(1);
  CellResult& cell = summary.results[0];
  cell.plan.case_name = "lock_order_inversion";
  cell.plan.variant = testing::kModel;
  cell.plan.expect =
      Expect::race_caught_by_tsan_only("x", "lock-order-inversion").caught_by_model_too("deadlock");
  cell.measured.unique_reports = {
      UniqueReport{"deadlock", {{"f()", "cases/a.cpp", 3, 1}}, 1, 1, 0, "deadlock text"},
      UniqueReport{"data race", {{"g()", "cases/a.cpp", 9, 1}}, 1, 1, 0, "race text"}};
  const nlohmann::json results = sarif_of(summary)["runs"][0]["results"];
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["level"], "note");
  EXPECT_EQ(results[1]["level"], "error");
}

TEST(SarifReporter, TheDetectorMatrixWithTheModelsColumnIsARunProperty) {
  const nlohmann::json matrix = sarif_of(
      testing::sample_summary())["runs"][0]["invocations"][0]["properties"]["detectorMatrix"];
  ASSERT_TRUE(matrix["rows"].is_array());
  EXPECT_EQ(matrix["rows"][0],
            nlohmann::json({"case", "expects", "threads x iters", "plain", "tsan", "model"}));
  EXPECT_EQ(matrix["rows"][2][5], "clean at 2x3");
}

TEST(SarifReporter, TheCheckoutIsTheSourceRootAndTheRepositoryItCameFrom) {
  Summary summary = testing::sample_summary();
  nlohmann::json run = sarif_of(summary)["runs"][0];
  EXPECT_FALSE(run.contains("originalUriBaseIds")) << "no source root known: none claimed";
  EXPECT_FALSE(run.contains("versionControlProvenance"));

  summary.context.source_root = "/home/runner/work/my lib";
  summary.context.repository_uri = "https://github.com/o/my-lib";
  summary.context.revision = "0123456789abcdef0123456789abcdef01234567";
  summary.context.branch = "main";
  summary.context.repository_root = "/home/runner/work/my lib";
  run = sarif_of(summary)["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///home/runner/work/my%20lib/");
  EXPECT_EQ(run["versionControlProvenance"][0],
            nlohmann::json({{"repositoryUri", "https://github.com/o/my-lib"},
                            {"revisionId", "0123456789abcdef0123456789abcdef01234567"},
                            {"branch", "main"},
                            {"mappedTo", {{"uriBaseId", "%SRCROOT%"}}}}));

  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "cases/a.cpp");

  // --source-root below the checkout's top: %SRCROOT% is still the top, as code scanning reads
  // paths from the repository's root, and the paths relative to --source-root say where it is.
  summary.context.source_root = "/home/runner/work/my lib/src";
  run = sarif_of(summary)["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///home/runner/work/my%20lib/");
  EXPECT_EQ(run["versionControlProvenance"][0]["mappedTo"]["uriBaseId"], "%SRCROOT%");
  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "src/cases/a.cpp");
}

TEST(SarifReporter, EveryRuleHasTheDescriptionsAndHelpGitHubRequires) {
  for (const char* kind :
       {"data race", "lock-order-inversion", "thread leak", "a kind never seen"}) {
    const RuleText text = rule_text(kind);
    EXPECT_NE(text.full_description.find(' '), std::string::npos) << kind;
    EXPECT_NE(text.help_markdown.find("**ThreadSanitizer: " + std::string(kind) + "**"),
              std::string::npos)
        << kind;
  }
  EXPECT_NE(rule_text("data race").help_markdown.find("What to do"), std::string::npos);
  EXPECT_EQ(rule_id("lock-order-inversion"), "tsan/lock-order-inversion");
  EXPECT_EQ(rule_id("signal-unsafe call inside of a signal"),
            "tsan/signal-unsafe-call-inside-of-a-signal");
}

TEST(SourceControl, ARemoteBecomesAUriWithoutCredentials) {
  EXPECT_EQ(remote_as_uri("https://x-access-token:ghs_secret@github.com/o/r"),
            "https://github.com/o/r");
  EXPECT_EQ(remote_as_uri("https://github.com/o/r.git"), "https://github.com/o/r.git");
  // Whatever stands before '@' goes, a user name as much as a password.
  EXPECT_EQ(remote_as_uri("git@github.com:o/r.git"), "ssh://github.com/o/r.git");
  EXPECT_EQ(remote_as_uri("ssh://git@host:22/o/r"), "ssh://host:22/o/r");
  EXPECT_EQ(remote_as_uri("/srv/git/my repo"), "file:///srv/git/my%20repo");
  EXPECT_EQ(remote_as_uri("relative/path"), "");
  EXPECT_EQ(remote_as_uri(""), "");
}

}  // namespace
}  // namespace lockstress
