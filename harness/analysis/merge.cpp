#include "harness/analysis/merge.hpp"

#include <algorithm>
#include <map>

#include "harness/analysis/grading.hpp"
#include "harness/analysis/merge_measurement.hpp"
#include "harness/summary/format.hpp"
#include "harness/summary/merge_context.hpp"

namespace lockstress {
namespace {

std::string parameters(const CellPlan& plan) {
  return std::to_string(plan.threads) + " threads x " + std::to_string(plan.iterations) +
         " iterations";
}

std::string key(const CellResult& cell) {
  return cell_label(cell.plan) + " " + point_label(cell.plan);
}

// The cells of every input, by key, in the first input's order; refuses inputs that differ.
std::vector<std::vector<const CellResult*>> match_cells(const std::vector<MergeInput>& inputs) {
  std::vector<std::map<std::string, const CellResult*>> by_key(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (const CellResult& cell : inputs[i].summary.results) {
      if (!by_key[i].emplace(key(cell), &cell).second) {
        throw Error{inputs[i].file + ": holds the cell " + key(cell) + " twice"};
      }
    }
  }
  const auto missing = [&](std::size_t has, std::size_t lacks, const CellResult& cell) {
    for (const CellResult& other : inputs[lacks].summary.results) {
      if (other.plan.case_name == cell.plan.case_name && other.plan.variant == cell.plan.variant) {
        return Error{"cells with different parameters: " + inputs[has].file + " ran " +
                     cell_label(cell.plan) + " with " + parameters(cell.plan) + ", " +
                     inputs[lacks].file + " with " + parameters(other.plan)};
      }
    }
    return Error{inputs[lacks].file + " has no cell " + key(cell) + ", which " + inputs[has].file +
                 " has: merge needs the same cells in every input"};
  };
  std::vector<std::vector<const CellResult*>> matched;
  for (const CellResult& cell : inputs[0].summary.results) {
    std::vector<const CellResult*> group;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      auto it = by_key[i].find(key(cell));
      if (it == by_key[i].end()) throw missing(0, i, cell);
      const CellPlan& plan = cell.plan;
      const CellPlan& other = it->second->plan;
      if (other.pin != plan.pin) {
        throw Error{"cells with different parameters: " + inputs[0].file + " ran " + key(cell) +
                    " with --pin " + std::string(to_string(plan.pin)) + ", " + inputs[i].file +
                    " with --pin " + std::string(to_string(other.pin))};
      }
      if (other.variant.detector != plan.variant.detector) {
        throw Error{key(cell) + " is a " + std::string(plan.variant.info().name) + " detector in " +
                    inputs[0].file + " and a " + std::string(other.variant.info().name) +
                    " detector in " + inputs[i].file};
      }
      // The blind spot is words, which may change between versions; what is graded may not.
      if (other.expect.race != plan.expect.race ||
          other.expect.caught_by != plan.expect.caught_by ||
          other.expect.tsan_report != plan.expect.tsan_report ||
          other.expect.model_report != plan.expect.model_report) {
        throw Error{key(cell) + " declares a different expectation in " + inputs[0].file + " and " +
                    inputs[i].file + " (different versions of the case?)"};
      }
      group.push_back(it->second);
    }
    matched.push_back(group);
  }
  for (std::size_t i = 1; i < inputs.size(); ++i) {
    if (inputs[i].summary.results.size() == inputs[0].summary.results.size()) continue;
    for (const CellResult& cell : inputs[i].summary.results) {
      if (!by_key[0].count(key(cell))) throw missing(i, 0, cell);
    }
  }
  return matched;
}

// Every count of a cell is at most its trials_requested (the reader's invariants), except the
// report counts, which parsed_report_count bounds (runtime_report_count and dropped_report_count
// bound themselves): when these four sums fit 64 bits, every sum the merge makes does.
void check_sums_fit(const std::vector<const CellResult*>& cells) {
  std::int64_t requested = 0, parsed = 0, runtime = 0, dropped = 0;
  for (const CellResult* cell : cells) {
    if (__builtin_add_overflow(requested, cell->plan.trials, &requested) ||
        __builtin_add_overflow(parsed, cell->measured.parsed_reports, &parsed) ||
        __builtin_add_overflow(runtime, cell->measured.runtime_reports, &runtime) ||
        __builtin_add_overflow(dropped, cell->measured.dropped_reports, &dropped)) {
      throw Error{key(*cells[0]) +
                  ": the inputs' trials or reports add up to more than a 64-bit "
                  "count holds"};
    }
  }
}

CellResult merge_cell(const std::vector<MergeInput>& inputs,
                      const std::vector<const CellResult*>& cells) {
  check_sums_fit(cells);
  CellPlan plan = cells[0]->plan;
  plan.trials = 0;
  std::vector<MeasurementSource> sources;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    plan.trials += cells[i]->plan.trials;
    sources.push_back({inputs[i].file, cells[i]->measured});
  }
  Result<Measurement> measured =
      merge_measurements(sources, key(*cells[0]), plan.variant.info(), plan.expect);
  if (!measured) throw measured.error();
  return {std::move(plan), std::move(*measured), {}};
}

}  // namespace

Result<Summary> merge_summaries(const std::vector<MergeInput>& inputs) {
  if (inputs.empty()) return Error{"nothing to merge"};
  return result_of([&] {
    Summary merged;
    for (const MergeInput& input : inputs) {
      merged.complete = merged.complete && input.summary.complete;
      if (input.summary.merged_from.empty()) {
        merged.merged_from.push_back({input.file, input.summary.complete, input.summary.context});
      } else {
        merged.merged_from.insert(merged.merged_from.end(), input.summary.merged_from.begin(),
                                  input.summary.merged_from.end());
      }
    }
    for (const std::vector<const CellResult*>& cells : match_cells(inputs)) {
      merged.results.push_back(merge_cell(inputs, cells));
    }
    merged.context = merge_contexts(merged.merged_from);
    grade_all(merged.results);
    return merged;
  });
}

}  // namespace lockstress
