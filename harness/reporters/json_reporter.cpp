#include <cmath>
#include <nlohmann/json.hpp>

#include "harness/protocol/signal_name.hpp"
#include "harness/reporters/reporters.hpp"
#include "harness/summary/grade_words.hpp"
#include "harness/summary/replay_command.hpp"

namespace lockstress {
namespace {

using json = nlohmann::ordered_json;

json interval(const Interval& ci) { return json::array({ci.low, ci.high}); }

std::string interval_method(const Rate& rate) {
  if (rate.until_first) return "exact, trials until the first detection";
  return rate.one_sided ? "exact one-sided" : "wilson";
}

json locations(const std::vector<SourceLocation>& locations) {
  json out = json::array();
  for (const SourceLocation& l : locations) {
    out.push_back(
        {{"function", l.function}, {"file", l.file}, {"line", l.line}, {"column", l.column}});
  }
  return out;
}

// "caught_by", and the report each kind that names one expects, when it names one:
// "<kind>_report" ("tsan_report"; "model_report" only where the model must draw a report).
json expectation_fields(const Expect& expect) {
  json out = {{"expectation", expect.race ? "race" : "safe"}};
  if (expect.race) {
    json caught_by = json::array();
    for (Detector kind : expect.caught_by)
      caught_by.push_back(std::string(detector_info(kind).name));
    out["caught_by"] = caught_by;
    for (const DetectorInfo& detector : kDetectors) {
      if (const std::string& report = expected_report(detector, expect); !report.empty()) {
        out[std::string(detector.name) + "_report"] = report;
      }
    }
    out["blind_spot"] = expect.blind_spot;
  }
  return out;
}

json faults(const std::vector<TrialFault>& faults) {
  json out = json::array();
  for (const TrialFault& f : faults) {
    out.push_back({{"kind", std::string(to_string(f.kind))},
                   {"trial", f.trial},
                   {"seed", f.seed},
                   {"cause", f.cause},
                   {"output", f.output}});
  }
  return out;
}

// A max/min ratio; infinite (a thread shut out) has no JSON number, so it is written as null.
json ratio(double value) { return std::isinf(value) ? json(nullptr) : json(value); }

json fairness_json(const Fairness& f) {
  return {{"trials", f.trials},
          {"unjudged_trials", f.unjudged_trials},
          {"median_ratio", ratio(f.median_ratio)},
          {"worst_ratio", ratio(f.worst_ratio)},
          {"unfair_trials", f.unfair_trials},
          {"starved_trials", f.starved_trials},
          {"worst_trial", f.worst_trial},
          {"worst_acquisitions", f.worst_acquisitions}};
}

json overlap_json(const Overlap& o) {
  return {{"trials_measured", o.measured_trials},
          {"trials_with_overlap", o.trials_with_overlap},
          {"overlap_rate", o.measured_trials == 0 ? 0.0
                                                  : static_cast<double>(o.trials_with_overlap) /
                                                        static_cast<double>(o.measured_trials)},
          {"mean_overlap_ns", o.mean_overlap_ns()},
          {"total_overlap_ns", o.total_overlap_ns}};
}

json trial_ranges(const std::vector<TrialRange>& ranges) {
  json out = json::array();
  for (const TrialRange& r : ranges)
    out.push_back({{"seed", r.seed}, {"first", r.first}, {"count", r.count}});
  return out;
}

// Every variant's build; plain_flags, tsan_flags and tsan_runtime repeat those of the variants
// named plain and tsan, for readers of summaries written before variants were a list.
json build_json(const Context& c) {
  const auto of = [&](const std::string& name) {
    for (const VariantBuild& b : c.variant_builds) {
      if (b.variant.name == name) return b;
    }
    return VariantBuild{};
  };
  json variants = json::array();
  for (const VariantBuild& b : c.variant_builds) {
    json variant = {{"name", b.variant.name},
                    {"detector", std::string(b.variant.info().name)},
                    {"flags", b.flags},
                    {"runtime", b.runtime}};
    if (!b.c_flags.empty()) variant["c_flags"] = b.c_flags;
    variants.push_back(std::move(variant));
  }
  json build = {{"compiler", c.runner_compiler},
                {"plain_flags", of("plain").flags},
                {"tsan_flags", of("tsan").flags},
                {"tsan_runtime", of("tsan").runtime},
                {"variants", variants}};
  if (!c.runner_c_compiler.empty()) build["c_compiler"] = c.runner_c_compiler;
  return build;
}

// Unknown loads (-1) are null.
json load_json(const MachineLoad& load) {
  auto value = [](double load) { return load < 0 ? json(nullptr) : json(load); };
  return {{"start", value(load.start)},
          {"end", value(load.end)},
          {"highest", value(load.highest)},
          {"shared_cpus", load.shared_cpus}};
}

json context_json(const Context& c) {
  return {{"lockstress_version", c.lockstress_version},
          {"command", c.command},
          {"rerun_command", c.rerun_command},
          {"program", c.program},
          {"seed", c.seed},
          {"cpus", c.cpus},
          {"online_cpus", c.online_cpus},
          {"cpu_model", c.cpu_model},
          {"arch", c.arch},
          {"os", c.os},
          {"compiler", c.compiler},
          {"started_at", c.started_at},
          {"tsan_options", c.tsan_options},
          {"suppressions_file", c.suppressions_file},
          {"distribution", c.distribution},
          {"kernel_version", c.kernel_version},
          {"libc", c.libc},
          {"threads_per_core", c.threads_per_core},
          {"cache_line_bytes", c.cache_line_bytes},
          {"build", build_json(c)},
          {"start_line", c.start_line},
          {"perturb", c.perturb},
          {"stopping",
           {{"duration_seconds",
             c.stopping.duration_seconds ? json(*c.stopping.duration_seconds) : json(nullptr)},
            {"ci_width", c.stopping.ci_width ? json(*c.stopping.ci_width) : json(nullptr)},
            {"stop_on_detect", c.stopping.stop_on_detect}}},
          {"stopping_rule", c.stopping_rule},
          {"stopping_note", c.stopping_note},
          {"source_root", c.source_root},
          {"source_control",
           {{"repository_uri", c.repository_uri},
            {"revision", c.revision},
            {"branch", c.branch},
            {"root", c.repository_root}}},
          {"load_average", load_json(c.load)},
          {"binary_arch", c.binary_arch},
          {"emulation", c.emulation}};
}

// The model's schedules, and the bound its grade states (never computed here).
json model_json(const CellResult& cell) {
  const ModelSchedules& model = *cell.measured.model;
  json out = {{"strategy", model.strategy},
              {"memory", model.memory},
              {"threads", model.threads},
              {"steps", model.steps},
              {"depth", model.depth}};
  if (!model.disagreement.empty()) out["disagreement"] = model.disagreement;
  if (const finding::PctBound* bound = cell.grade.find<finding::PctBound>()) {
    out["pct_bound"] = {{"schedules", bound->schedules}, {"probability", bound->probability}};
  }
  return out;
}

json sync_json(const SyncProbe& probe) {
  json operations = json::array();
  for (const OperationSync& op : probe.operations) {
    json calls = json::array();
    for (const SyncCall& call : op.calls) {
      calls.push_back(
          {{"function", call.function}, {"object", call.object}, {"system", call.system}});
    }
    operations.push_back({{"name", op.name},
                          {"seen", op.seen},
                          {"acquire", op.acquire},
                          {"release", op.release},
                          {"calls", calls}});
  }
  return {{"operations", operations}, {"instrumented_objects", probe.instrumented_objects}};
}

// A model cell's schedules, and what replays the first failing ones (docs/model.md, "Replay").
json schedule_stats_json(const ScheduleStats& m, const Context& context, const CellPlan& plan) {
  auto spread = [](const std::optional<double>& median, std::int64_t max) {
    json out = {{"max", max}};
    if (median) out["median"] = *median;
    return out;
  };
  json failing = json::array();
  for (const FailingSchedule& f : m.first_failing) {
    failing.push_back({{"trial", f.trial},
                       {"seed", f.seed},
                       {"replay_key", f.replay_key},
                       {"choices", f.choices},
                       {"trace_hash", trace_hash_text(f.trace_hash)},
                       {"lost_updates", f.lost_updates},
                       {"torn_reads", f.torn_reads},
                       {"reports", f.reports},
                       {"deadlock", f.deadlock},
                       {"replay_command", replay_command(context, plan, f)}});
  }
  return {{"schedules", m.schedules},
          {"steps", spread(m.median_steps, m.max_steps)},
          {"switches", spread(m.median_switches, m.max_switches)},
          {"fallbacks", m.fallbacks},
          {"failing_schedules", m.failing},
          {"first_failing", failing}};
}

json cell_json(const CellResult& cell, const Context& context) {
  json histogram = json::array();
  for (const HistogramBucket& b : cell.measured.lost_histogram) {
    histogram.push_back({{"min", b.low}, {"max", b.high}, {"trials", b.count}});
  }
  json unique = json::array();
  for (const UniqueReport& r : cell.measured.unique_reports) {
    unique.push_back({{"kind", r.kind},
                      {"location", describe_locations(r.locations)},
                      {"locations", locations(r.locations)},
                      {"trials", r.trials},
                      {"occurrences", r.occurrences},
                      {"first_trial", r.first_trial},
                      {"example", r.example}});
  }
  json kinds = json::object();
  for (const ReportKindCount& k : cell.measured.report_kinds) kinds[k.kind] = k.trials;

  json out = {
      {"case", cell.plan.case_name},
      {"description", cell.plan.description},
      {"variant", cell.plan.variant.name},
      {"detector", std::string(cell.plan.variant.info().name)},
      {"threads", cell.plan.threads},
      {"iterations", cell.plan.iterations},
      {"trials_requested", cell.plan.trials},
      {"trials", cell.measured.trials},
      {"trial_ranges", trial_ranges(cell.measured.trial_ranges)},
      {"expected_count", cell.plan.expected_count()},
      {"placement",
       {{"pin", std::string(to_string(cell.plan.pin))},
        {"worker_cpus", cell.measured.worker_cpus}}},
      {"failed_trials", cell.measured.failures.events},
      {"failure_rate", cell.measured.failures.value},
      {"failure_rate_ci95", interval(cell.measured.failures.ci95)},
      {"failure_rate_ci95_method", interval_method(cell.measured.failures)},
      {"lost_updates",
       {{"mean", cell.measured.lost_updates.mean},
        {"median", cell.measured.lost_updates.median},
        {"median_bounds", interval(cell.measured.lost_median_bounds)},
        {"min", cell.measured.lost_updates.min},
        {"max", cell.measured.lost_updates.max},
        {"histogram", histogram}}},
      {"sanitizer",
       {{"trials_with_reports", cell.measured.report_trials.events},
        {"report_rate", cell.measured.report_trials.value},
        {"report_rate_ci95", interval(cell.measured.report_trials.ci95)},
        {"report_rate_ci95_method", interval_method(cell.measured.report_trials)},
        {"trials_by_kind", kinds},
        {"runtime_report_count", cell.measured.runtime_reports},
        {"parsed_report_count", cell.measured.parsed_reports},
        {"dropped_report_count", cell.measured.dropped_reports},
        {"capped_trials", cell.measured.capped_trials},
        {"unique_reports", unique}}},
      {"trial_seconds", cell.measured.trial_seconds},
      {"wall_seconds", cell.measured.wall_seconds},
      {"stopped_by", std::string(to_string(cell.measured.stopped_by))},
      {"interval_alpha", cell.measured.interval_alpha},
      {"verdict", std::string(to_string(cell.grade.verdict))},
      {"reasons", reasons(cell)},
  };
  out.update(expectation_fields(cell.plan.expect));
  if (cell.measured.fairness) out["fairness"] = fairness_json(*cell.measured.fairness);
  if (cell.measured.torn_trials > 0) {
    out["torn_reads"] = {{"trials", cell.measured.torn_trials},
                         {"total", cell.measured.torn_reads},
                         {"max", cell.measured.torn_reads_max},
                         {"lost_update_trials", cell.measured.lost_trials}};
  }
  if (cell.measured.sync) out["sync"] = sync_json(*cell.measured.sync);
  if (cell.measured.schedule_stats) {
    out["schedule_stats"] = schedule_stats_json(*cell.measured.schedule_stats, context, cell.plan);
  }
  if (cell.measured.model) out["model"] = model_json(cell);
  if (const finding::Suppressed* s = cell.grade.find<finding::Suppressed>()) {
    json matches = json::array();
    for (const SuppressionMatch& m : cell.measured.suppressed) {
      matches.push_back({{"type", m.type}, {"pattern", m.pattern}, {"reports", m.reports}});
    }
    out["suppressed"] = {
        {"reports", s->reports}, {"rests_on_suppressions", s->clean}, {"matches", matches}};
  }
  if (cell.measured.overlap.measured()) out["overlap"] = overlap_json(cell.measured.overlap);
  if (cell.measured.error) out["error"] = *cell.measured.error;
  if (!cell.measured.faults.empty()) out["faults"] = faults(cell.measured.faults);
  return out;
}

}  // namespace

void write_json(const Summary& summary, std::ostream& out) {
  json results = json::array();
  for (const CellResult& cell : summary.results)
    results.push_back(cell_json(cell, summary.context));
  json merged_from = json::array();
  for (const MergedInput& input : summary.merged_from) {
    merged_from.push_back({{"file", input.file},
                           {"complete", input.complete},
                           {"context", context_json(input.context)}});
  }
  json document = {
      {"schema", kSummarySchema},
      {"complete", summary.complete},
      {"context", context_json(summary.context)},
      {"merged_from", merged_from},
      {"exit_code", exit_code(summary)},
      {"results", results},
  };
  if (summary.interrupted_by > 0) {
    document["interrupted_by"] = signal_name(summary.interrupted_by);
  }
  if (!summary.unwritten_outputs.empty()) document["unwritten_outputs"] = summary.unwritten_outputs;
  // Report text is whatever the runner printed: replace invalid UTF-8 rather than fail.
  out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace lockstress
