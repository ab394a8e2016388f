#include <limits>

#include "harness/analysis/stopping.hpp"
#include "harness/summary_json/summary_json_parts.hpp"
#include "lockstress/case.hpp"

namespace lockstress::summary_json {
namespace {

// A summary's "placement.pin"; one written before plans held the pin asked left it empty for a
// runner that never placed its workers, which placed none.
Pin read_pin(const Node& n) {
  const std::string name = n.text();
  if (name.empty()) return Pin::none;
  std::optional<Pin> pin = parse_pin(name);
  if (!pin) n.fail("unknown pin '" + name + "' (spread, compact or none)");
  return *pin;
}

Expect read_expectation(const Node& n) {
  const std::string kind = n.at("expectation").text();
  if (kind == "safe") return Expect::safe;
  if (kind != "race") n.at("expectation").fail("expected \"race\" or \"safe\"");
  std::vector<Detector> by;
  for (const Node& detector : n.at("caught_by").items()) {
    const std::string name = detector.text();
    std::optional<Detector> parsed = parse_detector(name);
    if (!parsed) detector.fail("unknown detector '" + name + "'");
    by.push_back(*parsed);
  }
  Expect expect = Expect::race_caught_by(by, n.at("blind_spot").text());
  // Absent: the kind catches this race by lost updates (the schema requires tsan_report, which
  // TSan always names; a summary written before the model had no model_report).
  for (const DetectorInfo& detector : kDetectors) {
    const std::string key = std::string(detector.name) + "_report";
    if (detector.expected_report && n.has(key.c_str())) {
      expect.*detector.expected_report = n.at(key.c_str()).text();
    }
  }
  return expect;
}

std::vector<TrialRange> read_trial_ranges(const Node& n, std::int64_t trials) {
  std::vector<TrialRange> out;
  std::int64_t total = 0;
  for (const Node& r : n.items()) {
    TrialRange range{r.at("seed").unsigned_integer(), r.at("first").integer(),
                     r.at("count").integer(1, trials)};
    if (range.first > kMax - range.count) r.at("first").fail("out of range");
    total += range.count;
    out.push_back(range);
  }
  if (total != trials)
    n.fail("holds " + std::to_string(total) + " trials, not " + std::to_string(trials));
  return out;
}

std::vector<SourceLocation> read_locations(const Node& n) {
  std::vector<SourceLocation> out;
  for (const Node& l : n.items()) {
    out.push_back({l.at("function").text(), l.at("file").text(),
                   static_cast<int>(l.at("line").integer(0, 1 << 30)),
                   static_cast<int>(l.at("column").integer(0, 1 << 30))});
  }
  return out;
}

// A max/min ratio, or null for infinite (see the JSON reporter); 0 only when nothing was measured.
double read_ratio(const Node& n, std::int64_t trials) {
  if (n.raw().is_null()) return std::numeric_limits<double>::infinity();
  const double value = n.number();
  if (trials > 0 && !(value >= 1)) n.fail("a max/min ratio is at least 1");
  return value;
}

Fairness read_fairness(const Node& n, std::int64_t trials) {
  Fairness f;
  f.trials = n.at("trials").integer(0, trials);
  f.unjudged_trials = n.at("unjudged_trials").integer(0, trials - f.trials);
  f.median_ratio = read_ratio(n.at("median_ratio"), f.trials);
  f.worst_ratio = read_ratio(n.at("worst_ratio"), f.trials);
  f.unfair_trials = n.at("unfair_trials").integer(0, f.trials);
  f.starved_trials = n.at("starved_trials").integer(0, f.trials);
  f.worst_trial = n.at("worst_trial").integer(-1);
  for (const Node& a : n.at("worst_acquisitions").items()) {
    f.worst_acquisitions.push_back(a.integer());
  }
  return f;
}

// The rates are written for people; the counts and the total are what is read back.
Overlap read_overlap(const Node& n, std::int64_t trials) {
  Overlap o;
  o.measured_trials = n.at("trials_measured").integer(0, trials);
  o.trials_with_overlap = n.at("trials_with_overlap").integer(0, o.measured_trials);
  o.total_overlap_ns = n.at("total_overlap_ns").integer();
  return o;
}

// The model's schedules; their bound is graded again, never taken from the file, but still
// checked to be a probability.
ModelSchedules read_model(const Node& n) {
  ModelSchedules model;
  model.strategy = n.at("strategy").text();
  model.memory = n.at("memory").text();
  model.threads = n.at("threads").integer(1, kMaxThreads);
  model.steps = n.at("steps").integer(1);
  model.depth = static_cast<int>(n.at("depth").integer(1, 1000));
  if (n.has("disagreement")) model.disagreement = n.at("disagreement").text();
  if (n.has("pct_bound")) {
    const Node bound = n.at("pct_bound");
    bound.at("schedules").integer(0);
    const double p = bound.at("probability").number();
    if (!(p >= 0 && p <= 1)) bound.at("probability").fail("expected a number in [0, 1]");
  }
  return model;
}

SyncProbe read_sync(const Node& n) {
  SyncProbe probe;
  for (const Node& op : n.at("operations").items()) {
    OperationSync operation;
    operation.name = op.at("name").text();
    operation.seen = op.at("seen").integer(0);
    operation.acquire = op.at("acquire").integer(0, operation.seen);
    operation.release = op.at("release").integer(0, operation.seen);
    for (const Node& call : op.at("calls").items()) {
      operation.calls.push_back(SyncCall{call.at("function").text(), call.at("object").text(),
                                         call.at("system").boolean()});
    }
    probe.operations.push_back(std::move(operation));
  }
  for (const Node& object : n.at("instrumented_objects").items()) {
    probe.instrumented_objects.push_back(object.text());
  }
  return probe;
}

Verdict read_verdict(const Node& n) {
  const std::string name = n.text();
  for (Verdict v : {Verdict::pass, Verdict::fail, Verdict::inconclusive, Verdict::error}) {
    if (to_string(v) == name) return v;
  }
  n.fail("unknown verdict '" + name + "'");
}

TrialFault read_fault(const Node& n) {
  TrialFault f;
  const std::string kind = n.at("kind").text();
  if (kind == "hung")
    f.kind = TrialFault::Kind::hung;
  else if (kind == "crashed")
    f.kind = TrialFault::Kind::crashed;
  else
    n.at("kind").fail("unknown fault '" + kind + "' (hung or crashed)");
  f.trial = n.at("trial").integer(0);
  f.seed = n.at("seed").unsigned_integer();
  f.cause = n.at("cause").text();
  f.output = n.at("output").text();
  return f;
}

}  // namespace

CellPlan read_plan(const Node& n) {
  CellPlan plan;
  plan.case_name = n.at("case").text();
  plan.description = n.at("description").text();
  plan.variant = read_variant(
      n.at("variant"), n.has("detector") ? std::optional<Node>(n.at("detector")) : std::nullopt);
  plan.threads = static_cast<int>(n.at("threads").integer(1, kMaxThreads));
  plan.iterations = n.at("iterations").integer(1);
  plan.trials = n.at("trials_requested").integer();
  // Not kept: a plan's expected count is threads x iterations (CellPlan::expected_count).
  const std::int64_t expected_count = n.at("expected_count").integer();
  std::int64_t product = 0;
  if (__builtin_mul_overflow(std::int64_t{plan.threads}, plan.iterations, &product) ||
      expected_count != product) {
    n.at("expected_count")
        .fail(std::to_string(expected_count) + " is not threads x iterations (" +
              std::to_string(plan.threads) + " x " + std::to_string(plan.iterations) + ")");
  }
  plan.pin = read_pin(n.at("placement").at("pin"));
  plan.expect = read_expectation(n);
  // Graded again from the plan and the measurement, never taken from the file; still checked, so
  // that a file with a verdict this lockstress does not know is refused.
  read_verdict(n.at("verdict"));
  for (const Node& reason : n.at("reasons").items()) reason.text();
  return plan;
}

Measurement read_measurement(const Node& n, const CellPlan& plan) {
  Measurement c;
  c.trials = n.at("trials").integer();
  c.trial_ranges = read_trial_ranges(n.at("trial_ranges"), c.trials);

  const Node placement = n.at("placement");
  for (const Node& cpu : placement.at("worker_cpus").items()) {
    c.worker_cpus.push_back(static_cast<int>(cpu.integer(-1, 1 << 20)));
  }

  c.failures = rate(n.at("failed_trials").integer(0, c.trials), c.trials);
  const Node lost = n.at("lost_updates");
  c.lost_updates.mean = lost.at("mean").number();
  c.lost_updates.median = lost.at("median").number();
  const std::vector<Node> bounds = lost.at("median_bounds").items();
  if (bounds.size() != 2) lost.at("median_bounds").fail("expected [low, high]");
  c.lost_median_bounds = {bounds[0].number(), bounds[1].number()};
  if (!(c.lost_median_bounds.low <= c.lost_updates.median &&
        c.lost_updates.median <= c.lost_median_bounds.high)) {
    lost.at("median_bounds").fail("does not hold the median");
  }
  c.lost_updates.min = lost.at("min").integer(std::numeric_limits<std::int64_t>::min());
  c.lost_updates.max = lost.at("max").integer(std::numeric_limits<std::int64_t>::min());
  std::int64_t histogram_trials = 0;
  for (const Node& b : lost.at("histogram").items()) {
    HistogramBucket bucket{b.at("min").integer(std::numeric_limits<std::int64_t>::min()),
                           b.at("max").integer(std::numeric_limits<std::int64_t>::min()),
                           b.at("trials").integer(0, c.trials)};
    histogram_trials += bucket.count;
    c.lost_histogram.push_back(bucket);
  }
  if (histogram_trials != c.trials) {
    lost.at("histogram")
        .fail("holds " + std::to_string(histogram_trials) + " trials, not " +
              std::to_string(c.trials));
  }

  const Node sanitizer = n.at("sanitizer");
  c.report_trials = rate(sanitizer.at("trials_with_reports").integer(0, c.trials), c.trials);
  const Node kinds = sanitizer.at("trials_by_kind");
  if (!kinds.raw().is_object()) kinds.fail("expected an object");
  for (const auto& [kind, count] : kinds.raw().items()) {
    c.report_kinds.push_back({kind, Node(count, "trials_by_kind." + kind).integer(0, c.trials)});
  }
  c.runtime_reports = sanitizer.at("runtime_report_count").integer();
  c.parsed_reports = sanitizer.at("parsed_report_count").integer();
  // A summary from before the per-trial cap dropped nothing.
  if (sanitizer.has("dropped_report_count")) {
    c.dropped_reports = sanitizer.at("dropped_report_count").integer();
    c.capped_trials = sanitizer.at("capped_trials").integer(0, c.report_trials.events);
  }
  for (const Node& r : sanitizer.at("unique_reports").items()) {
    c.unique_reports.push_back(UniqueReport{
        r.at("kind").text(), read_locations(r.at("locations")), r.at("trials").integer(0, c.trials),
        r.at("occurrences").integer(), r.at("first_trial").integer(-1), r.at("example").text()});
  }
  c.trial_seconds = n.at("trial_seconds").number();
  c.wall_seconds = n.at("wall_seconds").number();
  // A summary from before stopping rules ran every trial asked, at 5%.
  if (n.has("stopped_by")) {
    const std::string stopped_by = n.at("stopped_by").text();
    std::optional<StopReason> reason = parse_stop_reason(stopped_by);
    if (!reason) n.at("stopped_by").fail("unknown reason '" + stopped_by + "'");
    c.stopped_by = *reason;
  }
  if (n.has("interval_alpha")) {
    c.interval_alpha = n.at("interval_alpha").number();
    if (!(c.interval_alpha > 0 && c.interval_alpha <= 0.05))
      n.at("interval_alpha").fail("expected a number in (0, 0.05]");
  }
  // A summary written before overlap was measured has none: its trials count as they did.
  if (n.has("overlap")) c.overlap = read_overlap(n.at("overlap"), c.trials);
  set_intervals(c, plan.variant.info(), plan.expect);
  if (n.has("fairness")) c.fairness = read_fairness(n.at("fairness"), c.trials);
  // Absent: no torn read (or a summary from before reader-writer workloads), and every failed
  // trial lost updates.
  c.lost_trials = c.failures.events;
  if (n.has("torn_reads")) {
    const Node torn = n.at("torn_reads");
    c.torn_trials = torn.at("trials").integer(1, c.failures.events);
    c.torn_reads = torn.at("total").integer(c.torn_trials);
    c.torn_reads_max = torn.at("max").integer(1, c.torn_reads);
    c.lost_trials = torn.at("lost_update_trials").integer(0, c.failures.events);
    if (c.lost_trials + c.torn_trials < c.failures.events) {
      torn.fail("failed trials are neither torn nor lost");
    }
  }
  if (n.has("sync")) c.sync = read_sync(n.at("sync"));
  // Absent: not a model cell (or a summary from before the model's schedules were kept).
  if (n.has("schedule_stats")) {
    c.schedule_stats = read_schedule_stats(n.at("schedule_stats"), c.trials);
  }
  // Absent: another detector, or a model cell from before the runner said how it drew them.
  if (n.has("model")) c.model = read_model(n.at("model"));
  // Absent: nothing suppressed (or a summary from before suppressions were counted).
  if (n.has("suppressed")) {
    const Node suppressed = n.at("suppressed");
    for (const Node& match : suppressed.at("matches").items()) {
      c.suppressed.push_back(SuppressionMatch{match.at("type").text(), match.at("pattern").text(),
                                              match.at("reports").integer()});
    }
    if (suppressed.at("reports").integer() != suppressed_reports(c.suppressed)) {
      suppressed.at("reports").fail("is not the sum of the matches' reports");
    }
  }

  if (n.has("error")) c.error = n.at("error").text();
  if (n.has("faults")) {
    for (const Node& fault : n.at("faults").items()) {
      c.faults.push_back(read_fault(fault));
    }
    if (static_cast<std::int64_t>(c.faults.size()) > plan.trials - c.trials) {
      n.at("faults").fail("more trials finished and faulted than were requested");
    }
  }
  return c;
}

}  // namespace lockstress::summary_json
