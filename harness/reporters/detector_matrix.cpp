#include "harness/reporters/detector_matrix.hpp"

#include <algorithm>
#include <tuple>
#include <vector>

#include "harness/reporters/text_table.hpp"
#include "harness/stats/grading.hpp"
#include "harness/summary/format.hpp"

namespace lockstress {
namespace {

std::string in_trials(std::int64_t events, std::int64_t trials) {
  return " in " + std::to_string(events) + "/" + std::to_string(trials);
}

std::string expects(const Expect& expect) {
  if (!expect.race) return "safe";
  if (expect.caught_by.empty()) return "race: neither";
  if (expect.caught_by == std::vector<Detector>{Detector::plain, Detector::tsan}) {
    return "race: both";
  }
  return "race: " + detector_names(expect.caught_by);
}

// The first sanitizer finding of a cell that should have had none, with the trials it was in.
std::string first_report(const CellResult& cell) {
  std::string kind = cell.unique_reports.empty() ? "sanitizer report" : cell.unique_reports[0].kind;
  return kind + in_trials(cell.report_trials.events, cell.trials);
}

}  // namespace

std::string detector_outcome(const CellResult& cell) {
  // A hung or crashed trial fails the cell before anything else it saw (grading.cpp).
  if (!cell.faults.empty()) {
    const TrialFault& first = cell.faults.front();
    return "FAIL: " + std::string(to_string(first.kind)) + " in trial " +
           std::to_string(first.trial) +
           (cell.faults.size() > 1 ? " (+" + std::to_string(cell.faults.size() - 1) + " more)"
                                   : "");
  }
  if (cell.error) return "error";
  const DetectorInfo& detector = cell.variant.info();
  if (!cell.expect.race) {
    if (cell.failures.events > 0)
      return "FAIL: lost updates" + in_trials(cell.failures.events, cell.trials);
    if (detector.reads_reports && cell.report_trials.events > 0) {
      return "FAIL: " + first_report(cell);
    }
    if (detector.reads_reports && cell.runtime_reports > 0) return "FAIL: sanitizer reports";
    return cell.verdict == Verdict::inconclusive ? "clean (unproven: control missed)" : "clean";
  }
  const std::int64_t caught = caught_trials(detector, cell.expect, cell);
  if (caught > 0) {
    return (detector.expected_report ? cell.expect.*detector.expected_report
                                     : std::string("lost updates")) +
           in_trials(caught, cell.trials);
  }
  if (!cell.expect.must_be_caught_by(detector.kind)) return "nothing (blind spot)";
  return "MISSED: nothing" + in_trials(0, cell.trials);
}

void write_detector_matrix(const Summary& summary, std::ostream& out) {
  // One row per (case, threads, iterations), in the order the cells ran; a column per variant, in
  // the order the variants first appear.
  using Key = std::tuple<std::string, int, std::int64_t>;
  std::vector<Key> keys;
  std::vector<Variant> variants;
  for (const CellResult& cell : summary.results) {
    Key key{cell.case_name, cell.threads, cell.iterations};
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    if (std::find(variants.begin(), variants.end(), cell.variant) == variants.end()) {
      variants.push_back(cell.variant);
    }
  }
  std::vector<std::vector<std::string>> rows{{"case", "expects", "threads x iters"}};
  std::string legend;
  for (const Variant& variant : variants) {
    rows[0].push_back(variant.name);
    legend += (legend.empty() ? "" : "; ") + variant.name + ": " + std::string(variant.info().sees);
  }
  for (const Key& key : keys) {
    std::vector<std::string> row(3 + variants.size(), "-");
    row[0] = std::get<0>(key);
    row[2] = std::to_string(std::get<1>(key)) + "x" + std::to_string(std::get<2>(key));
    for (const CellResult& cell : summary.results) {
      if (Key{cell.case_name, cell.threads, cell.iterations} != key) continue;
      row[1] = expects(cell.expect);
      const auto column = std::find(variants.begin(), variants.end(), cell.variant);
      row[3 + static_cast<std::size_t>(column - variants.begin())] = detector_outcome(cell);
    }
    rows.push_back(std::move(row));
  }
  out << "What each detector saw (" << legend << "):\n";
  print_table(rows, out);
}

}  // namespace lockstress
