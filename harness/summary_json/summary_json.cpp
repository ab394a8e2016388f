#include "harness/summary_json/summary_json.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "harness/base/system_error.hpp"
#include "harness/summary_json/summary_invariants.hpp"
#include "harness/summary_json/summary_json_parts.hpp"
#include "harness/protocol/signal_name.hpp"
#include "harness/analysis/grading.hpp"

namespace lockstress {
namespace {

using namespace summary_json;

Summary read_summary(const json& document) {
  const Node root(document, "");
  if (!document.is_object()) root.fail("expected a lockstress summary object");
  const std::string schema = root.at("schema").text();
  if (schema != kSummarySchema) {
    throw Error{"schema '" + schema + "' is not " + kSummarySchema};
  }
  Summary summary;
  summary.complete = root.at("complete").boolean();
  if (root.has("interrupted_by")) {
    const std::string name = root.at("interrupted_by").text();
    std::optional<int> signal = parse_signal_name(name);
    if (!signal) root.at("interrupted_by").fail("unknown signal '" + name + "'");
    summary.interrupted_by = *signal;
  }
  summary.context = read_context(root.at("context"));
  for (const Node& input : root.at("merged_from").items()) {
    summary.merged_from.push_back({input.at("file").text(), input.at("complete").boolean(),
                                   read_context(input.at("context"))});
  }
  for (const Node& cell : root.at("results").items()) {
    CellPlan plan = read_plan(cell);
    Measurement measured = read_measurement(cell, plan);
    summary.results.push_back({std::move(plan), std::move(measured), {}});
    if (Result<void> holds = check_cell_invariants(summary.results.back(), cell.path()); !holds) {
      throw holds.error();
    }
  }
  if (Result<void> holds = check_summary_invariants(summary); !holds) throw holds.error();
  grade_all(summary.results);
  return summary;
}

}  // namespace

Result<Summary> read_summary_json(std::string_view text) {
  json document = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return Error{"not valid JSON (malformed or truncated)"};
  try {
    return result_of([&] { return read_summary(document); });
  } catch (const json::exception& e) {
    return Error{e.what()};
  }
}

Result<Summary> read_summary_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    return Error{path + ": cannot read (" + errno_text(error) + ")", open_failure_exit_code(error)};
  }
  std::ostringstream text;
  text << in.rdbuf();
  Result<Summary> summary = read_summary_json(text.str());
  if (!summary) return Error{path + ": " + summary.error().message, summary.error().exit_code};
  return summary;
}

}  // namespace lockstress
