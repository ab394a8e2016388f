// SARIF 2.1.0, as GitHub code scanning reads it: each unique sanitizer report of a cell becomes one
// result, located at the first frame of the program's own code in its accesses, with every access
// as a related location and every access stack as a thread flow, so a pull request shows the
// racing lines and how each thread got there. Paths below --source-root are relative to
// %SRCROOT% (the checkout, sarif_paths.cpp); the rule texts are in sarif_rules.cpp.

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "harness/ingest/tsan_report.hpp"
#include "harness/reporters/detector_matrix.hpp"
#include "harness/reporters/reporters.hpp"
#include "harness/reporters/sarif_paths.hpp"
#include "harness/reporters/sarif_rules.hpp"
#include "harness/summary/format.hpp"
#include "harness/summary/grade_words.hpp"
#include "harness/summary/model_words.hpp"
#include "harness/summary/source_control.hpp"

namespace lockstress {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kSarifSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr const char* kTsanDocs = "https://clang.llvm.org/docs/ThreadSanitizer.html";
// Where lockstress is documented: set at configure time (LOCKSTRESS_INFORMATION_URI), empty when
// this build does not know.
constexpr const char* kInformationUri = LOCKSTRESS_INFORMATION_URI;
// Versioned, so that a change to what is hashed can never match an old alert by accident.
constexpr const char* kFingerprintKey = "lockstressFinding/v1";

// A relative path stays relative to %SRCROOT%; an absolute one becomes a file: URI, without the
// '..' segments libstdc++'s paths have as clang prints them (/usr/bin/../lib/gcc/...), which
// could mean something else where the symbolic links differ.
json artifact_location(const std::string& file) {
  if (file.front() == '/') {
    const std::string normal = std::filesystem::path(file).lexically_normal().string();
    return {{"uri", "file://" + percent_encoded_path(normal)}};
  }
  return {{"uri", percent_encoded_path(file)}, {"uriBaseId", "%SRCROOT%"}};
}

json location(const SourceLocation& frame, const std::string& message) {
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
  if (!message.empty()) out["message"] = {{"text", message}};
  return out;
}

// FNV-1a, 64 bits: the same on every platform and compiler, unlike std::hash.
std::string fnv1a_hex(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

// What identifies a finding across runs, so that code scanning tracks one alert instead of
// opening a new one each run: the case, the kind and the functions and repository paths of its
// accesses.
// Not line numbers (an edit above the race moves it), not trial counts or seeds, not the sweep
// point (the same race at 2 and at 8 threads is one bug).
std::string fingerprint(const CellResult& cell, const UniqueReport& report,
                        const SarifPaths& paths) {
  std::string key = cell.plan.case_name + '\0' + report.kind;
  for (const SourceLocation& location : report.locations) {
    const SourceLocation l = in_repository(location, paths);
    key += '\0' + l.file + '\0' + l.function;
  }
  return fnv1a_hex(key);
}

// An expected finding (the race a race case declares) is a note; any other report is an error.
// The race is declared by the report its cell's detector must draw (the model's "deadlock" for
// lock_order_inversion), or by TSan's name for it, which the model's own data-race reports share.
bool expected(const CellResult& cell, const UniqueReport& report) {
  const Expect& expect = cell.plan.expect;
  const std::string& own = expected_report(cell.plan.variant.info(), expect);
  return expect.race && ((!own.empty() && report.kind == own) || report.kind == expect.tsan_report);
}

// A report on what a lock guards whose synchronisation TSan cannot see is no finding of the code
// (grading's SyncInvisible): a note that says so, never an alert.
bool unjudged(const CellResult& cell) {
  return cell.grade.find<finding::SyncInvisible>() != nullptr;
}

std::string message(const CellResult& cell, const UniqueReport& report) {
  const std::string seen = where_seen(report, cell.measured.trials);
  return "ThreadSanitizer: " + signature(report.kind, report.locations) + ", in " +
         cell_label(cell.plan) + " (" + std::to_string(cell.plan.threads) + " threads x " +
         std::to_string(cell.plan.iterations) + " iterations): in " + seen + ", printed " +
         std::to_string(report.occurrences) + (report.occurrences == 1 ? " time. " : " times. ") +
         (unjudged(cell) ? "Not a finding: " + reason(cell, finding::SyncInvisible{}) + ". " : "") +
         (expected(cell, report) ? "Expected: " + cell.plan.case_name + " declares this race."
                                 : "Verdict: " + std::string(to_string(cell.grade.verdict)) + ".") +
         "\n\n" + report.example;
}

// Each access as a related location (its first frame of the program's own code, titled as TSan
// titles the access), and each access stack, outermost call first, as one thread flow. The
// stacks are read from the report's text, which the summary keeps whole.
void add_stacks(json& out, const UniqueReport& report, const SarifPaths& paths) {
  const std::vector<ReportStack> stacks = access_stacks(report.example, paths.roots);
  json related = json::array();
  json thread_flows = json::array();
  for (const ReportStack& stack : stacks) {
    if (stack.frames.empty()) continue;
    auto own = std::find_if(stack.frames.begin(), stack.frames.end(),
                            [](const SourceLocation& f) { return !is_library_frame(f); });
    const SourceLocation& top = own != stack.frames.end() ? *own : stack.frames.front();
    json related_location = location(top, stack.title);
    related_location["id"] = related.size() + 1;
    related.push_back(related_location);
    json steps = json::array();
    for (auto frame = stack.frames.rbegin(); frame != stack.frames.rend(); ++frame) {
      if (frame->file.empty() && frame->function == "<null>") continue;  // nothing to show
      steps.push_back({{"location", location(*frame, frame->function)},
                       {"importance", is_library_frame(*frame) ? "unimportant" : "essential"}});
    }
    thread_flows.push_back({{"message", {{"text", stack.title}}}, {"locations", steps}});
  }
  // A report whose text shows no stacks (an older summary's, a runtime printing another format)
  // still names its accesses: each becomes a related location.
  if (related.empty()) {
    for (const SourceLocation& frame : report.locations) {
      json related_location = location(in_repository(frame, paths), "an access of this report");
      if (!related_location.contains("physicalLocation")) continue;
      related_location["id"] = related.size() + 1;
      related.push_back(related_location);
    }
  }
  if (!related.empty()) out["relatedLocations"] = related;
  if (!thread_flows.empty()) {
    out["codeFlows"] =
        json::array({{{"message", {{"text", "The stacks of the report's first occurrence"}}},
                      {"threadFlows", thread_flows}}});
  }
}

json result(const Context& context, const CellResult& cell, const UniqueReport& report,
            std::size_t rule_index, const SarifPaths& paths) {
  json out = {{"ruleId", rule_id(report.kind)},
              {"ruleIndex", rule_index},
              {"level", expected(cell, report) || unjudged(cell) ? "note" : "error"},
              {"message", {{"text", message(cell, report)}}}};
  // One primary location, the first in sorted order: the same in every run, whichever thread
  // TSan happened to name first.
  for (const SourceLocation& frame : report.locations) {
    json primary = location(in_repository(frame, paths), "");
    if (primary.contains("physicalLocation")) {
      out["locations"] = json::array({primary});
      break;
    }
  }
  add_stacks(out, report, paths);
  out["partialFingerprints"] = {{kFingerprintKey, fingerprint(cell, report, paths)}};
  out["properties"] = {{"case", cell.plan.case_name},
                       {"variant", cell.plan.variant.name},
                       {"threads", cell.plan.threads},
                       {"iterations", cell.plan.iterations},
                       {"trials", cell.measured.trials},
                       {"trialsWithReport", report.trials},
                       {"occurrences", report.occurrences},
                       {"firstTrial", report.first_trial},
                       {"verdict", std::string(to_string(cell.grade.verdict))}};
  // A model cell's schedules, and the command that replays the first failing one.
  if (std::vector<std::string> lines = model_lines(context, cell); !lines.empty()) {
    out["properties"]["modelSchedules"] = lines;
  }
  return out;
}

json rule(const std::string& kind) {
  const RuleText text = rule_text(kind);
  return {{"id", rule_id(kind)},
          {"name", kind},
          {"shortDescription", {{"text", text.short_description}}},
          {"fullDescription", {{"text", text.full_description}}},
          {"help", {{"text", text.full_description}, {"markdown", text.help_markdown}}},
          {"helpUri", kTsanDocs},
          {"defaultConfiguration", {{"level", "error"}}},
          {"properties", {{"tags", json::array({"concurrency", "thread-safety"})}}}};
}

json tool(const Summary& summary, const json& rules) {
  json driver = {{"name", "lockstress"}, {"version", summary.context.lockstress_version}};
  if (std::string_view(kInformationUri).size() > 0) driver["informationUri"] = kInformationUri;
  driver["rules"] = rules;
  return {{"driver", driver}};
}

// How the run went, and how busy the machine was: a run that shared its CPUs says so as a
// warning of the tool's, which code scanning shows beside the results.
json invocation(const Summary& summary) {
  const Context& context = summary.context;
  json out = {{"executionSuccessful", summary.complete && exit_code(summary) != kExitError},
              {"commandLine", context.command}};
  if (std::string warning = shared_cpus_warning(context.load, context.cpus); !warning.empty()) {
    warning.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(warning.front())));
    out["toolExecutionNotifications"] =
        json::array({{{"level", "warning"}, {"message", {{"text", warning + "."}}}}});
  }
  if (const std::string load = format_load(context.load); !load.empty()) {
    out["properties"]["loadAverage"] = load;
  }
  if (!context.emulation.empty()) out["properties"]["emulation"] = context.emulation;
  // Results are reports only: what each detector saw of every case, clean cells and the model's
  // column included, is the console's matrix (its first row the header).
  const DetectorMatrix matrix = detector_matrix(summary);
  out["properties"]["detectorMatrix"] = {{"legend", matrix.legend}, {"rows", matrix.rows}};
  return out;
}

}  // namespace

void write_sarif(const Summary& summary, std::ostream& out) {
  const SarifPaths paths = sarif_paths(summary);
  json rules = json::array();
  std::map<std::string, std::size_t> rule_index;
  json results = json::array();
  for (const CellResult& cell : summary.results) {
    for (const UniqueReport& report : cell.measured.unique_reports) {
      auto [it, inserted] = rule_index.try_emplace(rule_id(report.kind), rules.size());
      if (inserted) rules.push_back(rule(report.kind));
      results.push_back(result(summary.context, cell, report, it->second, paths));
    }
  }
  const Context& context = summary.context;
  json run = {{"tool", tool(summary, rules)}, {"invocations", json::array({invocation(summary)})}};
  if (!paths.base.empty() && paths.base.front() == '/') {
    run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", directory_uri(paths.base)}}}};
  }
  if (!context.repository_uri.empty() && !context.revision.empty()) {
    json provenance = {{"repositoryUri", context.repository_uri}, {"revisionId", context.revision}};
    if (!context.branch.empty()) provenance["branch"] = context.branch;
    if (!context.repository_root.empty()) provenance["mappedTo"] = {{"uriBaseId", "%SRCROOT%"}};
    run["versionControlProvenance"] = json::array({provenance});
  }
  run["results"] = results;
  json document = {{"$schema", kSarifSchema}, {"version", "2.1.0"}, {"runs", json::array({run})}};
  // Report text is whatever the runner printed: replace invalid UTF-8 rather than fail.
  out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace lockstress
