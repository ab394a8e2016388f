// JUnit XML as CI systems read it (GitLab's artifacts:reports:junit, Jenkins xUnit, GitHub test
// reporters), valid against the Jenkins xUnit plugin's junit-10.xsd: properties belong to a
// suite, not a test case, so each cell's parameters are suite properties named after the case.

#include <algorithm>
#include <cstdio>

#include "harness/reporters/escape.hpp"
#include "harness/reporters/reporters.hpp"
#include "harness/summary/format.hpp"
#include "harness/summary/grade_words.hpp"
#include "harness/summary/model_words.hpp"

namespace lockstress {
namespace {

std::string seconds(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", value < 0 ? 0.0 : value);
  return buffer;
}

std::string attribute(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + xml_escape(value) + "\"";
}

void property(std::ostream& out, std::string_view name, std::string_view value) {
  out << "      <property" << attribute("name", name) << attribute("value", value) << "/>\n";
}

// The case name, or with its parameters when a sweep gave the case several cells in one suite.
std::string test_name(const CellResult& cell, const std::vector<const CellResult*>& suite) {
  int same_case = 0;
  for (const CellResult* other : suite) same_case += other->plan.case_name == cell.plan.case_name;
  if (same_case == 1) return cell.plan.case_name;
  return cell.plan.case_name + " [threads=" + std::to_string(cell.plan.threads) +
         " iterations=" + std::to_string(cell.plan.iterations) + "]";
}

std::string details(const Context& context, const CellResult& cell) {
  std::string text = std::to_string(cell.plan.threads) + " threads x " +
                     std::to_string(cell.plan.iterations) + " iterations, " +
                     format_count(cell.measured.trials, cell.plan.trials) + " done; failure rate " +
                     format_rate(cell.measured.failures) + "\n";
  for (const std::string& reason : reasons(cell)) text += "  " + reason + "\n";
  for (const std::string& line : model_lines(context, cell)) text += "  " + line + "\n";
  if (!cell.measured.unique_reports.empty()) {
    const UniqueReport& first = cell.measured.unique_reports.front();
    text += "\nFirst of " + std::to_string(cell.measured.unique_reports.size()) + " unique report" +
            (cell.measured.unique_reports.size() == 1 ? "" : "s") + " (" +
            signature(first.kind, first.locations) + "):\n" + first.example;
  }
  return text;
}

void write_testcase(const Context& context, const CellResult& cell, const std::string& name,
                    const std::string& suite, std::ostream& out) {
  out << "    <testcase" << attribute("name", name) << attribute("classname", suite)
      << attribute("time", seconds(cell.measured.wall_seconds)) << ">\n";
  const std::string first_reason = reasons(cell).empty() ? "" : reasons(cell).front();
  const char* element = nullptr;
  switch (cell.grade.verdict) {
    case Verdict::pass:
      break;
    case Verdict::fail:
      element = "failure";
      break;
    case Verdict::error:
      element = "error";
      break;
    case Verdict::inconclusive:
      element = "skipped";
      break;
  }
  if (element) {
    out << "      <" << element << attribute("type", to_string(cell.grade.verdict))
        << attribute("message", first_reason) << ">" << xml_escape(details(context, cell)) << "</"
        << element << ">\n";
  } else {
    out << "      <system-out>" << xml_escape(details(context, cell)) << "</system-out>\n";
  }
  out << "    </testcase>\n";
}

void write_suite(const Summary& summary, const Variant& variant,
                 const std::vector<const CellResult*>& cells, std::ostream& out) {
  const std::string name = "lockstress." + variant.name;
  int failures = 0, errors = 0, skipped = 0;
  double time = 0;
  for (const CellResult* cell : cells) {
    failures += cell->grade.verdict == Verdict::fail;
    errors += cell->grade.verdict == Verdict::error;
    skipped += cell->grade.verdict == Verdict::inconclusive;
    time += cell->measured.wall_seconds;
  }
  const Context& c = summary.context;
  out << "  <testsuite" << attribute("name", name)
      << attribute("tests", std::to_string(cells.size()))
      << attribute("failures", std::to_string(failures))
      << attribute("errors", std::to_string(errors))
      << attribute("skipped", std::to_string(skipped)) << attribute("time", seconds(time))
      << attribute("timestamp", c.started_at) << ">\n    <properties>\n";
  property(out, "seed", std::to_string(c.seed));
  property(out, "rerun_command", c.rerun_command);
  property(out, "complete", summary.complete ? "true" : "false");
  property(out, "lockstress_version", c.lockstress_version);
  property(out, "platform", format_platform(c));
  if (!c.emulation.empty()) property(out, "emulation", c.emulation);
  if (const std::string load = format_load(c.load); !load.empty()) {
    property(out, "load_average", load);
  }
  if (const std::string warning = shared_cpus_warning(c.load, c.cpus); !warning.empty()) {
    property(out, "warning", warning);
  }
  if (ran_unusual_trials(c)) {
    property(out, "start_line", c.start_line);
    property(out, "perturb", c.perturb);
  }
  if (ran_stopping_rule(c))
    property(out, "stopping_rule", c.stopping_rule + ". " + c.stopping_note);
  for (const MergedInput& input : summary.merged_from) {
    property(out, "merged_from", input.file + " (seed " + std::to_string(input.context.seed) + ")");
  }
  for (const CellResult* cell : cells) {
    const std::string prefix = test_name(*cell, cells) + ".";
    property(out, prefix + "threads", std::to_string(cell->plan.threads));
    property(out, prefix + "iterations", std::to_string(cell->plan.iterations));
    property(out, prefix + "trials", std::to_string(cell->measured.trials));
    property(out, prefix + "pin", to_string(cell->plan.pin));
    if (ran_stopping_rule(c))
      property(out, prefix + "stopped_by", to_string(cell->measured.stopped_by));
  }
  out << "    </properties>\n";
  for (const CellResult* cell : cells) write_testcase(c, *cell, test_name(*cell, cells), name, out);
  out << "  </testsuite>\n";
}

}  // namespace

void write_junit(const Summary& summary, std::ostream& out) {
  int failures = 0, errors = 0;
  double time = 0;
  // A suite per variant, in the order the variants first appear.
  std::vector<std::pair<Variant, std::vector<const CellResult*>>> by_variant;
  for (const CellResult& cell : summary.results) {
    auto suite = std::find_if(by_variant.begin(), by_variant.end(),
                              [&](const auto& entry) { return entry.first == cell.plan.variant; });
    if (suite == by_variant.end())
      suite = by_variant.insert(by_variant.end(), {cell.plan.variant, {}});
    suite->second.push_back(&cell);
    failures += cell.grade.verdict == Verdict::fail;
    errors += cell.grade.verdict == Verdict::error;
    time += cell.measured.wall_seconds;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"
      << attribute("name", "lockstress")
      << attribute("tests", std::to_string(summary.results.size()))
      << attribute("failures", std::to_string(failures))
      << attribute("errors", std::to_string(errors)) << attribute("time", seconds(time)) << ">\n";
  for (const auto& [variant, cells] : by_variant) write_suite(summary, variant, cells, out);
  out << "</testsuites>\n";
}

}  // namespace lockstress
