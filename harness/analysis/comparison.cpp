#include "harness/analysis/comparison.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "harness/summary/format.hpp"

namespace lockstress {
namespace {

using Key = std::tuple<std::string, std::string, int, std::int64_t>;

Key key_of(const CellResult& cell) {
  return {cell.plan.case_name, cell.plan.variant.name, cell.plan.threads, cell.plan.iterations};
}

std::string name_of(const CellResult& cell) {
  return cell_label(cell.plan) + " " + point_label(cell.plan);
}

// The cells of one summary by key; an Error when a key repeats.
Result<std::map<Key, const CellResult*>> index(const Summary& summary, const char* which) {
  std::map<Key, const CellResult*> cells;
  for (const CellResult& cell : summary.results) {
    if (!cells.emplace(key_of(cell), &cell).second) {
      return Error{std::string("the ") + which + " summary has " + name_of(cell) +
                   " twice (merge shards before comparing)"};
    }
  }
  return cells;
}

ComparisonRow row(const CellResult& now, std::string measure, const Rate& base_rate,
                  const Rate& now_rate, double alpha) {
  ComparisonRow r;
  r.case_name = now.plan.case_name;
  r.variant = now.plan.variant;
  r.threads = now.plan.threads;
  r.iterations = now.plan.iterations;
  r.measure = std::move(measure);
  r.safe = !now.plan.expect.race;
  r.base = base_rate;
  r.now = now_rate;
  r.fisher = fisher_exact(base_rate.events, base_rate.trials, now_rate.events, now_rate.trials);
  r.significant = r.fisher.p_value < alpha;
  const bool higher = now_rate.value > base_rate.value;
  r.safe_got_worse =
      r.safe && now_rate.events > 0 && higher && (base_rate.events == 0 || r.significant);
  return r;
}

}  // namespace

bool Comparison::any_safe_got_worse() const {
  return std::any_of(rows.begin(), rows.end(),
                     [](const ComparisonRow& r) { return r.safe_got_worse; });
}

Result<Comparison> compare_summaries(const Summary& base, const Summary& now, double alpha) {
  auto base_cells = index(base, "base");
  if (!base_cells) return base_cells.error();
  auto new_cells = index(now, "new");
  if (!new_cells) return new_cells.error();

  Comparison comparison;
  comparison.alpha = alpha;
  if (!base.complete)
    comparison.notes.push_back(
        "the base run was interrupted: its counts are the trials it finished");
  if (!now.complete)
    comparison.notes.push_back(
        "the new run was interrupted: its counts are the trials it finished");
  for (const CellResult& cell : base.results) {
    if (!new_cells->count(key_of(cell))) comparison.only_in_base.push_back(name_of(cell));
  }
  for (const CellResult& cell : now.results) {  // in the new summary's order
    auto found = base_cells->find(key_of(cell));
    if (found == base_cells->end()) {
      comparison.only_in_new.push_back(name_of(cell));
      continue;
    }
    const CellResult& before = *found->second;
    if (before.plan.expect.race != cell.plan.expect.race) {
      comparison.notes.push_back(name_of(cell) + ": the base declared it " +
                                 (before.plan.expect.race ? "a race" : "safe") + ", the new one " +
                                 (cell.plan.expect.race ? "a race" : "safe") +
                                 " (compared as the new one says)");
    }
    comparison.rows.push_back(
        row(cell, "lost updates", before.measured.failures, cell.measured.failures, alpha));
    if (cell.plan.variant.info().reads_reports) {
      comparison.rows.push_back(row(cell, "sanitizer reports", before.measured.report_trials,
                                    cell.measured.report_trials, alpha));
    }
  }
  if (comparison.rows.empty()) {
    return Error{"the two summaries have no (case, variant, threads, iterations) in common"};
  }
  return comparison;
}

}  // namespace lockstress
