// libFuzzer target: a summary JSON file, as merge and compare read it. Whatever the reader
// accepts must be written back and read again to the same document: the reader may refuse
// anything, but never accept what the writer would not produce again. And what it accepts must
// not make merge or compare lie:
//   - merging it alone, or with a second copy of itself under other seeds (two shards), gives a
//     summary that keeps every invariant the reader checks (it reads back), with the counts
//     of one copy, or exactly twice them;
//   - comparing it with itself finds no change, and no safe case that got worse.

#include <cstdint>
#include <sstream>
#include <string_view>

#include "harness/summary_json/summary_json.hpp"
#include "harness/reporters/reporters.hpp"
#include "harness/analysis/comparison.hpp"
#include "harness/analysis/merge.hpp"

namespace {

using namespace lockstress;

void require(bool holds) {
  if (!holds) __builtin_trap();
}

Summary read_back(const Summary& summary) {
  std::ostringstream written;
  write_json(summary, written);
  Result<Summary> again = read_summary_json(written.str());
  require(again.ok());
  return std::move(*again);
}

// The merge of `copies` copies of `summary`, each under seeds of its own; or nothing, when merge
// refuses them (cells named twice, a sequential stopping rule, seeds that still collide).
void check_merge(const Summary& summary, int copies) {
  std::vector<MergeInput> inputs;
  for (int k = 0; k < copies; ++k) {
    Summary copy = summary;
    for (CellResult& cell : copy.results) {
      for (TrialRange& range : cell.measured.trial_ranges) range.seed ^= std::uint64_t(k) << 63;
    }
    inputs.push_back({"copy-" + std::to_string(k) + ".json", std::move(copy)});
  }
  Result<Summary> merged = merge_summaries(inputs);
  if (!merged) {
    require(!merged.error().message.empty());
    return;
  }
  const Summary again = read_back(*merged);
  require(again.results.size() == summary.results.size());
  for (std::size_t i = 0; i < summary.results.size(); ++i) {
    const CellResult& one = summary.results[i];
    const CellResult& all = again.results[i];
    // Merge refuses counts whose sum does not fit: these products fit.
    require(all.measured.trials == copies * one.measured.trials);
    require(all.measured.failures.events == copies * one.measured.failures.events);
    require(all.measured.report_trials.events == copies * one.measured.report_trials.events);
    require(all.measured.parsed_reports == copies * one.measured.parsed_reports);
    require(all.plan.expected_count() == one.plan.expected_count());
    require(one.measured.trials == 0 ||
            (all.measured.lost_updates.min == one.measured.lost_updates.min &&
             all.measured.lost_updates.max == one.measured.lost_updates.max));
  }
}

void check_compare(const Summary& summary) {
  Result<Comparison> comparison = compare_summaries(summary, summary, 0.01);
  if (!comparison) {
    require(!comparison.error().message.empty());
    return;
  }
  for (const ComparisonRow& row : comparison->rows)
    require(!row.significant && !row.safe_got_worse);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Result<Summary> summary =
      read_summary_json(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!summary) {
    require(!summary.error().message.empty());
    return 0;
  }
  std::ostringstream written;
  write_json(*summary, written);
  const Summary again = read_back(*summary);
  std::ostringstream rewritten;
  write_json(again, rewritten);
  require(rewritten.str() == written.str());
  check_merge(*summary, 1);
  check_merge(*summary, 2);
  check_compare(*summary);
  return 0;
}
