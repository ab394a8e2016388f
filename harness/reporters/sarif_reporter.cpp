// SARIF 2.1.0, as GitHub code scanning reads it: each unique sanitizer report becomes one result
// located at the top frame of the program's own code in each access, so a pull request shows the
// racing lines. Paths below --source-root are relative, resolved against %SRCROOT% (the checkout).

#include <map>
#include <nlohmann/json.hpp>

#include "harness/reporters/reporters.hpp"
#include "harness/summary/format.hpp"

namespace lockstress {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kSarifSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

// "data race" -> "tsan/data-race": a stable rule id per kind of report.
std::string rule_id(const std::string& kind) {
  std::string id = "tsan/";
  for (char c : kind) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (keep) {
      id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (id.back() != '-' && id.back() != '/') {
      id += '-';
    }
  }
  while (id.back() == '-') id.pop_back();
  return id;
}

// A relative path stays relative (to %SRCROOT%); an absolute one becomes a file: URI. Bytes
// outside RFC 3986's unreserved set and '/' are percent-encoded.
json artifact_location(const std::string& file) {
  std::string uri = file.front() == '/' ? "file://" : "";
  for (unsigned char c : file) {
    if (std::isalnum(c) ||
        std::string_view("-._~/").find(static_cast<char>(c)) != std::string_view::npos) {
      uri += static_cast<char>(c);
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      uri += escaped;
    }
  }
  json location = {{"uri", uri}};
  if (file.front() != '/') location["uriBaseId"] = "%SRCROOT%";
  return location;
}

json location(const SourceLocation& frame) {
  json out = json::object();
  if (!frame.file.empty()) {
    json physical = {{"artifactLocation", artifact_location(frame.file)}};
    if (frame.line > 0) {
      physical["region"] = {{"startLine", frame.line}};
      if (frame.column > 0) physical["region"]["startColumn"] = frame.column;
    }
    out["physicalLocation"] = physical;
  }
  if (!frame.function.empty()) {
    out["logicalLocations"] =
        json::array({{{"fullyQualifiedName", frame.function}, {"kind", "function"}}});
  }
  return out;
}

// An expected finding (the race a race case declares) is a note; any other report is an error.
bool expected(const CellResult& cell, const UniqueReport& report) {
  return cell.expect.race && report.kind == cell.expect.tsan_report;
}

json result(const CellResult& cell, const UniqueReport& report, std::size_t rule_index) {
  const std::string cell_name = cell.case_name + "/" + cell.variant.name;
  const std::string seen = report.first_trial < 0 ? std::string("the runner's start-up or exit")
                                                  : format_count(report.trials, cell.trials);
  std::string message =
      "ThreadSanitizer: " + report.kind + " at " + describe_locations(report.locations) + ", in " +
      cell_name + " (" + std::to_string(cell.threads) + " threads x " +
      std::to_string(cell.iterations) + " iterations): in " + seen + ", printed " +
      std::to_string(report.occurrences) + (report.occurrences == 1 ? " time. " : " times. ") +
      (expected(cell, report) ? "Expected: " + cell.case_name + " declares this race."
                              : "Verdict: " + std::string(to_string(cell.verdict)) + ".") +
      "\n\n" + report.example;
  json locations = json::array();
  for (const SourceLocation& frame : report.locations) {
    json l = location(frame);
    if (!l.empty()) locations.push_back(l);
  }
  json out = {{"ruleId", rule_id(report.kind)},
              {"ruleIndex", rule_index},
              {"level", expected(cell, report) ? "note" : "error"},
              {"message", {{"text", message}}}};
  if (!locations.empty()) out["locations"] = locations;
  out["properties"] = {{"case", cell.case_name},
                       {"variant", cell.variant.name},
                       {"threads", cell.threads},
                       {"iterations", cell.iterations},
                       {"trials", cell.trials},
                       {"trialsWithReport", report.trials},
                       {"occurrences", report.occurrences},
                       {"firstTrial", report.first_trial},
                       {"verdict", std::string(to_string(cell.verdict))}};
  return out;
}

}  // namespace

void write_sarif(const Summary& summary, std::ostream& out) {
  json rules = json::array();
  std::map<std::string, std::size_t> rule_index;
  json results = json::array();
  for (const CellResult& cell : summary.results) {
    for (const UniqueReport& report : cell.unique_reports) {
      const std::string id = rule_id(report.kind);
      auto [it, inserted] = rule_index.try_emplace(id, rules.size());
      if (inserted) {
        rules.push_back({{"id", id},
                         {"name", report.kind},
                         {"shortDescription", {{"text", "ThreadSanitizer: " + report.kind}}},
                         {"defaultConfiguration", {{"level", "error"}}}});
      }
      results.push_back(result(cell, report, it->second));
    }
  }
  json invocation = {{"executionSuccessful", summary.complete && exit_code(summary) != kExitError},
                     {"commandLine", summary.context.command}};
  json document = {{"$schema", kSarifSchema},
                   {"version", "2.1.0"},
                   {"runs", json::array({{{"tool",
                                           {{"driver",
                                             {{"name", "lockstress"},
                                              {"version", summary.context.lockstress_version},
                                              {"rules", rules}}}}},
                                          {"invocations", json::array({invocation})},
                                          {"results", results}}})}};
  // Report text is whatever the runner printed: replace invalid UTF-8 rather than fail.
  out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace lockstress
