// One HTML file a person opens from a CI artifact: everything inline (CSS, SVG), nothing fetched,
// no script. Well-formed as XML too, so tests can parse it without an HTML parser.

#include <algorithm>
#include <cstdio>
#include <map>

#include "harness/reporters/detector_matrix.hpp"
#include "harness/reporters/escape.hpp"
#include "harness/reporters/reporters.hpp"
#include "harness/reporters/svg_charts.hpp"
#include "harness/summary/format.hpp"
#include "harness/summary/grade_words.hpp"
#include "harness/summary/model_words.hpp"

namespace lockstress {
namespace {

constexpr const char* kStyle = R"(
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1d2433; max-width: 1200px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
.platform, .rerun { color: #4a5468; }
table { border-collapse: collapse; }
th, td { padding: 3px 10px; border-bottom: 1px solid #dde1e8; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.verdict { font-weight: 600; padding: 1px 8px; border-radius: 9px; }
.pass { color: #11622f; } .fail { color: #a4161a; } .inconclusive { color: #8a5a00; } .error { color: #6b2d8f; }
span.pass { background: #dcf5e4; } span.fail { background: #fde0e0; }
span.inconclusive { background: #fff1cc; } span.error { background: #eedcf8; }
ul.reasons { margin: 2px 0 8px; }
pre { background: #f5f6f8; padding: 8px; overflow-x: auto; font-size: 12px; }
svg.chart { display: block; margin: 8px 0 16px; font-size: 12px; }
svg .title { font-weight: 600; font-size: 13px; fill: #1d2433; }
svg .tick, svg .axis, svg .value { fill: #4a5468; }
svg .grid { stroke: #e3e6ec; }
svg .ci, svg .cap { stroke-width: 2; }
svg .trend { fill: none; stroke-width: 1.5; }
svg .legend { stroke-width: 3; }
svg .plain .ci, svg .plain .cap, svg .plain .trend, svg .plain .legend { stroke: #1f5fbf; }
svg .plain .rate { fill: #1f5fbf; }
svg .tsan .ci, svg .tsan .cap, svg .tsan .trend, svg .tsan .legend { stroke: #d0661c; }
svg .tsan .rate { fill: #d0661c; }
svg .dash1 .trend, svg .dash1 .legend { stroke-dasharray: 6 3; }
svg .dash2 .trend, svg .dash2 .legend { stroke-dasharray: 2 3; }
)";

std::string variant_name(const CellResult& cell) { return cell.plan.variant.name; }

// The CSS class of a cell's markers: its kind of detector, so a variant of one's own at -O3 draws
// like the plain one.
std::string detector_class(const Variant& variant) { return std::string(variant.info().name); }

std::string parameters(const CellResult& cell) { return point_label(cell.plan); }

// What the charts' data-cell attributes name: unique per cell of a summary.
std::string cell_key(const CellResult& cell) {
  return cell_label(cell.plan) + "/" + parameters(cell);
}

std::string fixed(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

std::string verdict_badge(Verdict verdict) {
  const std::string name(to_string(verdict));
  return "<span class=\"verdict " + name + "\">" + name + "</span>";
}

std::string median_text(const CellResult& cell) {
  const Interval& b = cell.measured.lost_median_bounds;
  if (b.low == b.high) return fixed(cell.measured.lost_updates.median);
  return "in [" + fixed(b.low) + ", " + fixed(b.high) + "]";
}

void write_header(const Summary& summary, std::ostream& out) {
  const Context& c = summary.context;
  out << "<h1>lockstress report</h1>\n<p class=\"platform\">lockstress "
      << xml_escape(c.lockstress_version) << " on " << xml_escape(format_platform(c)) << "; seed "
      << c.seed << ", started " << xml_escape(c.started_at) << "</p>\n";
  if (!c.emulation.empty()) {
    out << "<p class=\"inconclusive\"><b>Emulated:</b> " << xml_escape(c.emulation) << ".</p>\n";
  }
  if (const std::string load = format_load(c.load); !load.empty()) {
    out << "<p class=\"platform\">Machine: " << xml_escape(load) << ".</p>\n";
  }
  if (const std::string warning = shared_cpus_warning(c.load, c.cpus); !warning.empty()) {
    out << "<p class=\"inconclusive\"><b>Warning:</b> " << xml_escape(warning) << ".</p>\n";
  }
  if (!summary.merged_from.empty()) {
    out << "<p>Merged from " << summary.merged_from.size() << " summaries:</p>\n<ul>\n";
    for (const MergedInput& input : summary.merged_from) {
      const Context& i = input.context;
      out << "<li><code>" << xml_escape(input.file) << "</code>: seed " << i.seed << ", "
          << xml_escape(format_platform(i)) << (i.load.shared_cpus ? ", <b>shared CPUs</b>" : "")
          << (input.complete ? "" : ", <b>incomplete</b>") << "</li>\n";
    }
    out << "</ul>\n";
  }
  if (ran_unusual_trials(c)) {
    out << "<p>Start line: " << xml_escape(c.start_line)
        << "; perturbation: " << xml_escape(c.perturb) << ".</p>\n";
  }
  if (ran_stopping_rule(c)) {
    out << "<p><b>Stopping:</b> " << xml_escape(c.stopping_rule) << ". "
        << xml_escape(c.stopping_note) << "</p>\n";
  }
  if (!summary.complete) {
    out << "<p class=\"fail\"><b>Incomplete:</b> the run was interrupted; these are the trials "
           "done.</p>\n";
  }
}

void write_table(const Summary& summary, std::ostream& out) {
  out << "<h2>Results</h2>\n<table>\n<tr><th>case</th><th>variant</th><th>threads x iters</th>"
         "<th>trials</th><th>failed</th><th>failure rate [95% CI]</th><th>lost mean / median / "
         "max</th><th>report trials</th><th>unique reports</th><th>verdict</th></tr>\n";
  for (const CellResult& cell : summary.results) {
    const bool tsan = cell.plan.variant.info().reads_reports;
    out << "<tr"
        << " data-cell=\"" << xml_escape(cell_key(cell)) << "\"><td>"
        << xml_escape(cell.plan.case_name) << "</td><td>" << variant_name(cell)
        << "</td><td class=\"n\">" << parameters(cell) << "</td><td class=\"n\">"
        << cell.measured.trials << "</td><td class=\"n\">" << cell.measured.failures.events
        << "</td><td class=\"n\">" << xml_escape(format_rate(cell.measured.failures))
        << "</td><td class=\"n\">" << fixed(cell.measured.lost_updates.mean) << " / "
        << median_text(cell) << " / " << cell.measured.lost_updates.max << "</td><td class=\"n\">"
        << (tsan ? format_count(cell.measured.report_trials.events, cell.measured.trials) : "-")
        << "</td><td class=\"n\">"
        << (tsan ? std::to_string(cell.measured.unique_reports.size()) : "-") << "</td><td>"
        << verdict_badge(cell.grade.verdict) << "</td></tr>\n";
  }
  out << "</table>\n";
}

// The console's detector matrix: each variant's detector side by side, a column each.
void write_matrix(const Summary& summary, std::ostream& out) {
  const DetectorMatrix matrix = detector_matrix(summary);
  out << "<h2>What each detector saw</h2>\n<p>" << xml_escape(matrix.legend) << "</p>\n<table>\n";
  for (std::size_t r = 0; r < matrix.rows.size(); ++r) {
    const char* cell = r == 0 ? "th" : "td";
    out << "<tr>";
    for (const std::string& text : matrix.rows[r]) {
      out << '<' << cell << '>' << xml_escape(text) << "</" << cell << '>';
    }
    out << "</tr>\n";
  }
  out << "</table>\n";
}

void write_rate_charts(const Summary& summary, std::ostream& out) {
  std::vector<RateRow> failures;
  std::vector<RateRow> reports;
  for (const CellResult& cell : summary.results) {
    const std::string label =
        cell.plan.case_name + " / " + variant_name(cell) + " / " + parameters(cell);
    failures.push_back(
        {cell_key(cell), label, detector_class(cell.plan.variant), cell.measured.failures});
    if (cell.plan.variant.info().reads_reports) {
      reports.push_back(
          {cell_key(cell), label, detector_class(cell.plan.variant), cell.measured.report_trials});
    }
  }
  out << "<h2>Rates, with 95% intervals</h2>\n";
  write_rate_chart(out, "Trials that lost updates", failures);
  if (!reports.empty()) write_rate_chart(out, "Trials with a report (TSan, the model)", reports);
}

// A chart per case and swept parameter: one line per variant and value of the other parameter,
// drawn when that line has at least two points.
std::vector<SweepChart> sweep_charts(const Summary& summary) {
  std::vector<SweepChart> charts;
  std::vector<std::string> case_order;
  for (const CellResult& cell : summary.results) {
    if (std::find(case_order.begin(), case_order.end(), cell.plan.case_name) == case_order.end()) {
      case_order.push_back(cell.plan.case_name);
    }
  }
  for (const std::string& name : case_order) {
    for (const bool over_threads : {true, false}) {
      std::map<std::pair<std::string, std::int64_t>, SweepSeries> series;
      std::map<std::string, Variant> variants;
      for (const CellResult& cell : summary.results) {
        if (cell.plan.case_name != name) continue;
        const std::int64_t fixed_value = over_threads ? cell.plan.iterations : cell.plan.threads;
        SweepSeries& s = series[{cell.plan.variant.name, fixed_value}];
        variants.emplace(cell.plan.variant.name, cell.plan.variant);
        s.label = variant_name(cell) + ", " + std::to_string(fixed_value) +
                  (over_threads ? " iterations" : " threads");
        s.points.push_back({over_threads ? double(cell.plan.threads) : double(cell.plan.iterations),
                            cell_key(cell), cell.measured.failures});
      }
      SweepChart chart{name + ": failure rate against " + (over_threads ? "threads" : "iterations"),
                       over_threads ? "threads" : "iterations",
                       {}};
      for (auto& [key, s] : series) {
        std::sort(s.points.begin(), s.points.end(),
                  [](const SweepPoint& a, const SweepPoint& b) { return a.x < b.x; });
        if (s.points.size() < 2) continue;
        s.style = detector_class(variants.at(key.first)) + " dash" +
                  std::to_string(chart.series.size() % 3);
        chart.series.push_back(s);
      }
      if (!chart.series.empty()) charts.push_back(chart);
    }
  }
  return charts;
}

void write_reasons(const Summary& summary, std::ostream& out) {
  out << "<h2>Why</h2>\n";
  for (const CellResult& cell : summary.results) {
    out << "<div><b>" << xml_escape(cell_label(cell.plan)) << "</b> " << parameters(cell) << ": "
        << verdict_badge(cell.grade.verdict) << "\n<ul class=\"reasons\">";
    for (const std::string& reason : reasons(cell)) out << "<li>" << xml_escape(reason) << "</li>";
    for (const std::string& line : model_lines(summary.context, cell)) {
      out << "<li>" << xml_escape(line) << "</li>";
    }
    out << "</ul></div>\n";
  }
}

void write_reports(const Summary& summary, std::ostream& out) {
  bool any = false;
  for (const CellResult& cell : summary.results) {
    for (const UniqueReport& report : cell.measured.unique_reports) {
      if (!any) out << "<h2>Sanitizer reports, deduplicated</h2>\n";
      any = true;
      out << "<details><summary><b>" << xml_escape(cell_label(cell.plan))
          << "</b>: " << xml_escape(signature(report.kind, report.locations)) << ", in "
          << where_seen(report, cell.measured.trials) << ", printed " << report.occurrences
          << (report.occurrences == 1 ? " time" : " times") << "</summary>\n<pre>"
          << xml_escape(report.example) << "</pre></details>\n";
    }
  }
}

}  // namespace

void write_html(const Summary& summary, std::ostream& out) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
         "<title>lockstress report</title>\n<style>"
      << kStyle << "</style>\n</head>\n<body>\n";
  write_header(summary, out);
  write_table(summary, out);
  write_matrix(summary, out);
  write_rate_charts(summary, out);
  const std::vector<SweepChart> sweeps = sweep_charts(summary);
  if (!sweeps.empty()) out << "<h2>Sweeps</h2>\n";
  for (const SweepChart& chart : sweeps) write_sweep_chart(out, chart);
  write_reasons(summary, out);
  write_reports(summary, out);
  out << "<p class=\"rerun\">Rerun: <code>" << xml_escape(summary.context.rerun_command)
      << "</code></p>\n</body>\n</html>\n";
}

}  // namespace lockstress
