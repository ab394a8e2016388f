#include "harness/reporters/detector_matrix.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "harness/reporters/text_table.hpp"
#include "harness/analysis/grading.hpp"
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

}  // namespace

std::string detector_outcome(const CellResult& cell) {
  using namespace finding;
  const Grade& grade = cell.grade;
  const Measurement& m = cell.measured;
  // A hung or crashed trial fails the cell before anything else it saw (grading.cpp).
  if (const Fault* first = grade.find<Fault>()) {
    const TrialFault& fault = m.faults.at(first->index);
    return "FAIL: " + std::string(to_string(fault.kind)) + " in trial " +
           std::to_string(fault.trial) +
           (m.faults.size() > 1 ? " (+" + std::to_string(m.faults.size() - 1) + " more)" : "");
  }
  if (grade.find<CouldNotRun>()) return "error";
  if (grade.find<NeverOverlapped>()) return "error: workers never ran at once";
  if (const LostUpdates* lost = grade.find<LostUpdates>()) {
    return "FAIL: lost updates" + in_trials(lost->trials, lost->of);
  }
  if (const TornReads* torn = grade.find<TornReads>()) {
    return "FAIL: torn reads" + in_trials(torn->trials, torn->of);
  }
  // Before the reports: what the detector reported of a lock it cannot see says nothing.
  if (grade.find<SyncInvisible>() && grade.verdict == Verdict::inconclusive) {
    return "inconclusive: cannot see the lock";
  }
  if (const Reported* report = grade.find<Reported>()) {
    return "FAIL: " + m.unique_reports.at(report->index).kind +
           in_trials(m.report_trials.events, m.trials);
  }
  if (grade.find<ReportsWithoutText>()) return "FAIL: sanitizer reports";
  if (const Caught* caught = grade.find<Caught>()) {
    const DetectorInfo& detector = cell.plan.variant.info();
    const std::string what = m.torn_trials == 0                ? "lost updates"
                             : m.torn_trials == caught->trials ? "torn reads"
                                                               : "lost updates or torn reads";
    const std::string& report = expected_report(detector, cell.plan.expect);
    return (report.empty() ? what : report) + in_trials(caught->trials, caught->of);
  }
  if (grade.find<BlindSpot>()) return "nothing (blind spot)";
  if (const Missed* missed = grade.find<Missed>()) {
    return "MISSED: nothing" + in_trials(0, missed->trials);
  }
  return grade.verdict == Verdict::inconclusive ? "clean (unproven: control missed)" : "clean";
}

DetectorMatrix detector_matrix(const Summary& summary) {
  // A column per variant, in the order the variants first appear. A row per case and rank: a
  // case's n-th cell in each variant shares the n-th row, so that the detectors stand side by side
  // even where a kind runs at sizes of its own (the model's tiny instances); the row's point is
  // its first cell's, and a cell at another point says its own.
  using Key = std::pair<std::string, std::size_t>;  // case, rank within its variant
  std::vector<Key> keys;
  std::vector<Key> rank_of_cell;
  std::vector<Variant> variants;
  for (const CellResult& cell : summary.results) {
    std::size_t rank = 0;
    for (const CellResult& earlier : summary.results) {
      if (&earlier == &cell) break;
      if (earlier.plan.case_name == cell.plan.case_name &&
          earlier.plan.variant == cell.plan.variant)
        ++rank;
    }
    Key key{cell.plan.case_name, rank};
    rank_of_cell.push_back(key);
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    if (std::find(variants.begin(), variants.end(), cell.plan.variant) == variants.end()) {
      variants.push_back(cell.plan.variant);
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
    row[0] = key.first;
    for (std::size_t i = 0; i < summary.results.size(); ++i) {
      if (rank_of_cell[i] != key) continue;
      const CellResult& cell = summary.results[i];
      const std::string point =
          std::to_string(cell.plan.threads) + "x" + std::to_string(cell.plan.iterations);
      if (row[2] == "-") row[2] = point;
      row[1] = expects(cell.plan.expect);
      const auto column = std::find(variants.begin(), variants.end(), cell.plan.variant);
      row[3 + static_cast<std::size_t>(column - variants.begin())] =
          detector_outcome(cell) + (point == row[2] ? "" : " at " + point);
    }
    rows.push_back(std::move(row));
  }
  return DetectorMatrix{std::move(legend), std::move(rows)};
}

void write_detector_matrix(const Summary& summary, std::ostream& out) {
  const DetectorMatrix matrix = detector_matrix(summary);
  out << "What each detector saw (" << matrix.legend << "):\n";
  print_table(matrix.rows, out);
}

}  // namespace lockstress
