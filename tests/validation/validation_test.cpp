// Validates lockstress's outputs with the tools and schemas others publish: xmllint against the
// Jenkins xUnit JUnit schema, python3-jsonschema against the OASIS SARIF 2.1.0 schema (both
// vendored in tests/data/schemas/) and our own summary schema. A suite whose tool is missing fails
// configure under CI and is registered as a skipped test elsewhere (tests/cmake/Validators.cmake);
// each also shows that its validator rejects a broken document, so a validator that accepts
// anything cannot pass.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../integration/run_lockstress.hpp"
#include "../unit/sample_lock_summary.hpp"
#include "../unit/sample_summary.hpp"
#include "harness/reporters/reporters.hpp"
#include "harness/analysis/grading.hpp"

namespace lockstress {
namespace {

using testing::Scratch;

std::string quoted(const std::string& text) { return "'" + text + "'"; }

// Runs `command`, returning its exit status and output (both streams).
std::pair<int, std::string> shell(const std::string& command, const Scratch& scratch) {
  const auto log = scratch / "validator.log";
  const int status = std::system((command + " >" + quoted(log.string()) + " 2>&1").c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, testing::slurp(log)};
}

std::string json_schema_command(const std::string& schema, const std::string& document) {
  return quoted(LOCKSTRESS_PYTHON) +
         " -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), "
         "json.load(open(sys.argv[1])))' " +
         quoted(schema) + " " + quoted(document);
}

// The summaries every format must handle: passing, failing (with an error cell and a cell with
// hung and crashed trials), inconclusive, merged, interrupted; report text holds < & ]]> é, an
// invalid byte and a terminal escape.
std::vector<std::pair<std::string, Summary>> summaries() {
  Summary failing = testing::sample_summary();
  failing.results[1].measured.unique_reports[0].example +=
      "\x1b[1mbold\x1b[0m \"quoted\" 'single'\n";

  Summary passing = failing;
  passing.results = {failing.results[0], failing.results[1], failing.results[2]};
  grade_all(passing.results);

  Summary inconclusive = passing;
  inconclusive.results[0].measured.failures = rate(0, inconclusive.results[0].measured.trials);
  grade_all(inconclusive.results);

  Summary merged = failing;
  merged.merged_from = {{"shard-1.json", true, failing.context},
                        {"shard-2.json", false, failing.context}};
  merged.complete = false;

  // Stopped by SIGINT: incomplete, exit 130, with a hung and a crashed trial (the sample's).
  Summary interrupted = failing;
  interrupted.complete = false;
  interrupted.interrupted_by = 2;

  EXPECT_EQ(exit_code(passing), kExitPass);
  EXPECT_EQ(exit_code(failing), kExitFail);
  EXPECT_EQ(exit_code(inconclusive), kExitInconclusive);
  return {{"passing", passing},
          {"failing", failing},
          {"inconclusive", inconclusive},
          {"merged", merged},
          {"interrupted", interrupted},
          // Lock cases: fairness, with the null an infinite ratio is written as.
          {"lock_suite", testing::sample_lock_summary()}};
}

std::string write(const Scratch& scratch, const std::string& name,
                  const std::function<void(std::ostream&)>& writer) {
  const std::string path = (scratch / name).string();
  std::ofstream out(path, std::ios::binary);
  writer(out);
  return path;
}

// A small real run with every output, written once per test program.
const Scratch& real_run() {
  static Scratch scratch;
  static const testing::Ran ran = testing::run_lockstress(
      "run --case locked_counter --threads 2 --iterations 20000 --trials 10 --seed 3 --quiet "
      "--json " +
          quoted((scratch / "run.json").string()) + " --junit " +
          quoted((scratch / "run.xml").string()) + " --sarif " +
          quoted((scratch / "run.sarif").string()),
      scratch);
  // Inconclusive (3), or a harness fault (4) on a loaded machine where no short plain trial ran
  // two workers at once: the outputs are written all the same, and they are what is validated.
  EXPECT_TRUE(ran.exit_code == 0 || ran.exit_code == 3 || ran.exit_code == 4) << ran.err;
  return scratch;
}

// A small real TSan run of the race cases whose reports GitHub must accept: a data race, a race
// behind a broken lock, a lock-order inversion (each with both stacks, as code flows).
const Scratch& real_race_run() {
  static Scratch scratch;
  static const testing::Ran ran = testing::run_lockstress(
      "run --case unsafe_counter --case spinlock_relaxed --case lock_order_inversion --variant "
      "tsan "
      "--iterations 1000 --trials 3 --seed 5 --quiet --sarif " +
          quoted((scratch / "races.sarif").string()),
      scratch);
  EXPECT_TRUE(ran.exit_code == 0 || ran.exit_code == 3) << ran.err;
  return scratch;
}

TEST(JunitSchema, EverySummaryValidates) {
  Scratch scratch;
  for (const auto& [name, named_summary] : summaries()) {
    const Summary& summary = named_summary;  // clang 14 cannot capture a structured binding
    const std::string path =
        write(scratch, name + ".xml", [&](std::ostream& out) { write_junit(summary, out); });
    auto [status, output] = shell(quoted(LOCKSTRESS_XMLLINT) + " --noout --schema " +
                                      quoted(LOCKSTRESS_JUNIT_XSD) + " " + quoted(path),
                                  scratch);
    EXPECT_EQ(status, 0) << name << ": " << output;
  }
}

TEST(JunitSchema, ARealRunValidates) {
  auto [status, output] =
      shell(quoted(LOCKSTRESS_XMLLINT) + " --noout --schema " + quoted(LOCKSTRESS_JUNIT_XSD) + " " +
                quoted((real_run() / "run.xml").string()),
            real_run());
  EXPECT_EQ(status, 0) << output;
}

TEST(JunitSchema, TheValidatorRejectsABrokenDocument) {
  Scratch scratch;
  const std::string path = write(scratch, "broken.xml", [](std::ostream& out) {
    out << "<testsuites><testsuite name=\"x\" tests=\"1\" failures=\"0\" errors=\"0\">"
           "<testcase classname=\"no name\"/></testsuite></testsuites>\n";
  });
  EXPECT_NE(shell(quoted(LOCKSTRESS_XMLLINT) + " --noout --schema " + quoted(LOCKSTRESS_JUNIT_XSD) +
                      " " + quoted(path),
                  scratch)
                .first,
            0);
}

TEST(SarifSchema, EverySummaryValidates) {
  Scratch scratch;
  for (const auto& [name, named_summary] : summaries()) {
    const Summary& summary = named_summary;  // clang 14 cannot capture a structured binding
    const std::string path =
        write(scratch, name + ".sarif", [&](std::ostream& out) { write_sarif(summary, out); });
    auto [status, output] = shell(json_schema_command(LOCKSTRESS_SARIF_SCHEMA, path), scratch);
    EXPECT_EQ(status, 0) << name << ": " << output;
  }
}

TEST(SarifSchema, ARealRunValidates) {
  auto [status, output] =
      shell(json_schema_command(LOCKSTRESS_SARIF_SCHEMA, (real_run() / "run.sarif").string()),
            real_run());
  EXPECT_EQ(status, 0) << output;
}

TEST(SarifSchema, TheValidatorRejectsABrokenDocument) {
  Scratch scratch;
  std::ostringstream sarif;
  write_sarif(testing::sample_summary(), sarif);
  std::string text = sarif.str();
  text.replace(text.find("\"level\": \"note\""), 15, "\"level\": \"fatal\"");
  const std::string path = write(scratch, "broken.sarif", [&](std::ostream& out) { out << text; });
  EXPECT_NE(shell(json_schema_command(LOCKSTRESS_SARIF_SCHEMA, path), scratch).first, 0);
}

TEST(SarifSchema, ARealRunOfTheRaceCasesValidates) {
  auto [status, output] = shell(
      json_schema_command(LOCKSTRESS_SARIF_SCHEMA, (real_race_run() / "races.sarif").string()),
      real_race_run());
  EXPECT_EQ(status, 0) << output;
}

// What the SARIF Multitool finds in `files` with both kinds of its rules ("Sarif": the spec's
// own advice; "Gh": what GitHub code scanning requires), in one run of it, as
// "FILE: LEVEL RULE: message arguments" lines.
std::vector<std::string> multitool_findings(const std::vector<std::string>& files,
                                            const Scratch& scratch) {
  const std::string log = (scratch / "multitool.sarif").string();
  std::string command = quoted(LOCKSTRESS_SARIF_MULTITOOL) + " validate";
  for (const std::string& file : files) command += " " + quoted(file);
  auto [status, output] =
      shell(command + " --rule-kind 'Gh;Sarif' --output " + quoted(log) + " --log ForceOverwrite",
            scratch);
  EXPECT_EQ(status, 0) << output;
  std::vector<std::string> findings;
  const nlohmann::json document = nlohmann::json::parse(testing::slurp(log), nullptr, false);
  if (document.is_discarded()) {
    ADD_FAILURE() << "the Multitool wrote no log: " << output;
    return findings;
  }
  for (const nlohmann::json& result :
       document["runs"][0].value("results", nlohmann::json::array())) {
    const std::string uri =
        result["locations"][0]["physicalLocation"]["artifactLocation"].value("uri", "?");
    std::string line = uri.substr(uri.rfind('/') + 1) + ": " + result.value("level", "warning") +
                       " " + result.value("ruleId", "?") + ":";
    for (const nlohmann::json& argument :
         result["message"].value("arguments", nlohmann::json::array())) {
      line += " " + argument.get<std::string>();
    }
    findings.push_back(line);
  }
  return findings;
}

// The warnings left, each for a reason:
// - SARIF2005 (no tool.driver.informationUri): lockstress has no published home; a build from a
//   clone of a web repository names it (LOCKSTRESS_INFORMATION_URI, harness/CMakeLists.txt), a
//   local clone such as CI's cannot.
bool justified(const std::string& finding) {
  const bool no_home = std::string_view(LOCKSTRESS_INFORMATION_URI).empty();
  return no_home && finding.find(": warning SARIF2005:") != std::string::npos;
}

void expect_accepted(const std::vector<std::string>& files, const Scratch& scratch) {
  for (const std::string& finding : multitool_findings(files, scratch)) {
    if (finding.find(": note ") != std::string::npos || justified(finding)) continue;
    ADD_FAILURE() << finding;
  }
}

TEST(SarifMultitool, EverySummaryIsAcceptedByGitHubsRules) {
  Scratch scratch;
  std::vector<std::string> files;
  for (const auto& [name, named_summary] : summaries()) {
    const Summary& summary = named_summary;  // clang 14 cannot capture a structured binding
    files.push_back(
        write(scratch, name + ".sarif", [&](std::ostream& out) { write_sarif(summary, out); }));
  }
  expect_accepted(files, scratch);
}

TEST(SarifMultitool, ARealRunOfTheRaceCasesIsAccepted) {
  expect_accepted({(real_race_run() / "races.sarif").string(), (real_run() / "run.sarif").string()},
                  real_race_run());
}

// The rules GitHub requires, checked: a rule without fullDescription and help is an error.
TEST(SarifMultitool, TheValidatorRejectsARuleWithoutHelp) {
  Scratch scratch;
  std::ostringstream sarif;
  write_sarif(testing::sample_summary(), sarif);
  nlohmann::json document = nlohmann::json::parse(sarif.str());
  for (nlohmann::json& rule : document["runs"][0]["tool"]["driver"]["rules"]) {
    rule.erase("fullDescription");
    rule.erase("help");
  }
  const std::string path =
      write(scratch, "no_help.sarif", [&](std::ostream& out) { out << document.dump(2); });
  const std::vector<std::string> findings = multitool_findings({path}, scratch);
  EXPECT_NE(std::find_if(findings.begin(), findings.end(),
                         [](const std::string& f) {
                           return f.find("no_help.sarif: error GH2012:") != std::string::npos;
                         }),
            findings.end());
}

TEST(SummarySchema, EverySummaryValidates) {
  Scratch scratch;
  for (const auto& [name, named_summary] : summaries()) {
    const Summary& summary = named_summary;  // clang 14 cannot capture a structured binding
    const std::string path =
        write(scratch, name + ".json", [&](std::ostream& out) { write_json(summary, out); });
    auto [status, output] = shell(json_schema_command(LOCKSTRESS_SUMMARY_SCHEMA, path), scratch);
    EXPECT_EQ(status, 0) << name << ": " << output;
  }
}

TEST(SummarySchema, ARealRunAndItsMergeValidate) {
  const Scratch& scratch = real_run();
  const std::string run = (scratch / "run.json").string();
  const std::string merged = (scratch / "merged.json").string();
  testing::Ran ran = testing::run_lockstress(
      "merge --quiet " + quoted(run) + " --json " + quoted(merged), scratch);
  ASSERT_TRUE(ran.exit_code == 0 || ran.exit_code == 3 || ran.exit_code == 4) << ran.err;
  for (const std::string& path : {run, merged}) {
    auto [status, output] = shell(json_schema_command(LOCKSTRESS_SUMMARY_SCHEMA, path), scratch);
    EXPECT_EQ(status, 0) << path << ": " << output;
  }
}

TEST(SummarySchema, TheSchemaRejectsAnUnknownOrMissingField) {
  Scratch scratch;
  std::ostringstream json;
  write_json(testing::sample_summary(), json);
  const std::string text = json.str();
  const std::string extra = write(scratch, "extra.json", [&](std::ostream& out) {
    out << std::string(text).replace(text.find("\"trials\": 4"), 11, "\"trials\": 4, \"bogus\": 1");
  });
  const std::string missing = write(scratch, "missing.json", [&](std::ostream& out) {
    out << std::string(text).replace(text.find("\"merged_from\": [],"), 18, "");
  });
  EXPECT_NE(shell(json_schema_command(LOCKSTRESS_SUMMARY_SCHEMA, extra), scratch).first, 0);
  EXPECT_NE(shell(json_schema_command(LOCKSTRESS_SUMMARY_SCHEMA, missing), scratch).first, 0);
}

}  // namespace
}  // namespace lockstress
