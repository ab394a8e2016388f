// libFuzzer target: a runner's output, as the driver reads it. The first 16 bytes choose the
// first trial and the cell's expected count; the byte after chooses how the rest is cut into
// reads. Every trial the stream accepts goes through the tally, the stopping rules and the
// statistics, and the cell through grading, so nothing a runner prints can crash or mislead what
// comes after the parser.

#include <cstdint>
#include <cstring>
#include <string_view>

#include "harness/ingest/runner_stream.hpp"
#include "harness/analysis/cell_tally.hpp"
#include "harness/analysis/grading.hpp"
#include "harness/analysis/stopping.hpp"
#include "harness/summary/grade_words.hpp"

namespace {

template <class Int>
Int take(const std::uint8_t*& data, std::size_t& size) {
  Int value{};
  const std::size_t n = std::min(sizeof value, size);
  std::memcpy(&value, data, n);
  data += n;
  size -= n;
  return value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lockstress;
  const auto first_trial = static_cast<std::int64_t>(take<std::uint32_t>(data, size) % 1000);
  const std::int64_t expected = take<std::int64_t>(data, size) & INT64_MAX;
  const std::size_t chunk = 1 + take<std::uint8_t>(data, size);

  CellTally tally(expected, "/src");
  const StoppingRule rule{.ci_width = 0.1, .stop_on_detect = true};
  const Expect race = Expect::race_caught_by({Detector::plain, Detector::tsan});
  std::optional<StopReason> stopped;
  RunnerStream stream(
      [&](TrialEvent trial) {
        tally.add_trial(trial);
        if (!stopped) stopped = should_stop(rule, tally, race, detector_info(Detector::tsan));
      },
      first_trial, expected);
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  while (!bytes.empty()) {
    const std::size_t n = std::min(chunk, bytes.size());
    stream.feed(bytes.substr(0, n));
    bytes.remove_prefix(n);
  }
  stream.finish();
  tally.add_reports_outside_trials(stream.reports_outside_trials());
  tally.add_reports_of_unfinished_trial(stream.reports_of_unfinished_trial(),
                                        first_trial + stream.trials_seen());
  CellPlan plan;
  plan.case_name = "fuzzed";
  plan.expect = race;
  plan.variant = {"tsan", Detector::tsan};
  plan.trials = stream.trials_seen() + 1;
  Measurement cell = tally.measurement();
  cell.stopped_by = stopped.value_or(StopReason::trials);
  cell.interval_alpha = interval_alpha(rule, cell.trials);
  set_intervals(cell, plan.variant.info(), plan.expect);
  if (cell.trials != stream.trials_seen()) __builtin_trap();
  if (cell.failures.events > cell.trials) __builtin_trap();
  const Overlap& overlap = cell.overlap;
  if (overlap.trials_with_overlap > overlap.measured_trials ||
      overlap.measured_trials > cell.trials || overlap.total_overlap_ns < 0 ||
      cell.failures.trials > cell.trials) {
    __builtin_trap();
  }
  for (const Rate& r : {cell.failures, cell.report_trials}) {
    if (!(0 <= r.ci95.low && r.ci95.low <= r.ci95.high && r.ci95.high <= 1)) __builtin_trap();
  }
  const Interval& median = cell.lost_median_bounds;
  if (!(median.low <= cell.lost_updates.median && cell.lost_updates.median <= median.high)) {
    __builtin_trap();
  }
  const CellResult graded{plan, cell, grade_cell(plan, cell, true)};
  (void)reasons(graded);  // every finding can be put in words
  return 0;
}
