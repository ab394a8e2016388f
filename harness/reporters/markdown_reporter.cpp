// For $GITHUB_STEP_SUMMARY and merge-request comments: GitHub-flavoured Markdown, where HTML
// blocks (<details>) are allowed and report text goes into fenced code blocks.

#include <algorithm>

#include "harness/reporters/detector_matrix.hpp"
#include "harness/reporters/escape.hpp"
#include "harness/reporters/reporters.hpp"
#include "harness/summary/format.hpp"
#include "harness/summary/grade_words.hpp"
#include "harness/summary/model_words.hpp"
#include "harness/summary/tsan_overrides.hpp"

namespace lockstress {
namespace {

std::string_view symbol(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass:
      return "✅";
    case Verdict::fail:
      return "❌";
    case Verdict::inconclusive:
      return "⚠️";
    case Verdict::error:
      return "💥";
  }
  return "?";
}

// Every line break of `raw` as a space: all the summary's texts are one line each, and a line
// break from an input (a file name, TSAN_OPTIONS, a CPU model) could otherwise end the paragraph
// or table row and start a block of its own, a heading or a forged line.
std::string one_line(std::string_view raw) {
  std::string out(raw);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return out;
}

// Text in Markdown: on one line, HTML-escaped, and the punctuation that would start emphasis,
// links, code or a table cell escaped with a backslash (a function named operator* must not
// italicise the table).
std::string text(std::string_view raw) {
  const std::string escaped = xml_escape(one_line(raw));
  std::string out;
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    // Every '&' in xml_escape's output opens an entity (&#39; holds a '#'): copied whole.
    if (escaped[i] == '&') {
      const std::size_t end = escaped.find(';', i);
      out.append(escaped, i, end - i + 1);
      i = end;
      continue;
    }
    if (std::string_view("\\`*_[]|~#").find(escaped[i]) != std::string_view::npos) out += '\\';
    out += escaped[i];
  }
  return out;
}

std::size_t longest_run(std::string_view raw, char c) {
  std::size_t longest = 0, run = 0;
  for (char x : raw) {
    run = x == c ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

// A code span that holds any text: its backtick fence is longer than any run of backticks inside.
std::string code(std::string_view raw) {
  const std::string fence(longest_run(raw, '`') + 1, '`');
  const std::string body = valid_utf8(one_line(raw));
  const bool pad = !body.empty() && (body.front() == '`' || body.back() == '`');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string code_block(std::string_view raw) {
  const std::string fence(std::max<std::size_t>(3, longest_run(raw, '`') + 1), '`');
  std::string body = valid_utf8(raw);
  while (!body.empty() && body.back() == '\n') body.pop_back();
  return fence + "text\n" + body + "\n" + fence + "\n";
}

// "✅ lockstress: all 4 cells passed", or the count of each verdict, worst first.
std::string headline(const Summary& summary) {
  std::size_t counts[4] = {};
  for (const CellResult& cell : summary.results) ++counts[static_cast<int>(cell.grade.verdict)];
  const std::string total = std::to_string(summary.results.size());
  if (counts[static_cast<int>(Verdict::pass)] == summary.results.size()) {
    return "## " + std::string(symbol(Verdict::pass)) + " lockstress: all " + total +
           " cells passed";
  }
  std::string out = "## lockstress:";
  std::string separator = " ";
  for (Verdict v : {Verdict::fail, Verdict::error, Verdict::inconclusive, Verdict::pass}) {
    const std::size_t n = counts[static_cast<int>(v)];
    if (n == 0) continue;
    out += separator + std::string(symbol(v)) + " " + std::to_string(n) + " " +
           std::string(to_string(v));
    separator = ", ";
  }
  return out + " (of " + total + " cells)";
}

void write_platform(const Summary& summary, std::ostream& out) {
  const Context& c = summary.context;
  out << "lockstress " << text(c.lockstress_version) << " on " << text(format_platform(c))
      << "; seed " << c.seed << ", started " << text(c.started_at) << ".\n";
  if (!c.emulation.empty()) out << "\n**Emulated**: " << text(c.emulation) << ".\n";
  if (const std::string load = format_load(c.load); !load.empty()) {
    out << "\nMachine: " << text(load) << ".\n";
  }
  if (const std::string warning = shared_cpus_warning(c.load, c.cpus); !warning.empty()) {
    out << "\n**Warning**: " << text(warning) << ".\n";
  }
  if (!c.tsan_options.empty()) {
    out << "\n`TSAN_OPTIONS` from the environment, which overrides the TSan runner's own: "
        << code(c.tsan_options) << ".\n";
  }
  for (const TsanOverride& o : attribution_overrides(c.tsan_options)) {
    out << "\n**Warning**: `TSAN_OPTIONS` sets " << code(o.setting) << ": " << text(o.consequence)
        << ".\n";
  }
  if (!summary.merged_from.empty()) {
    out << "\nMerged from " << summary.merged_from.size() << " summaries:\n\n";
    for (const MergedInput& input : summary.merged_from) {
      const Context& i = input.context;
      out << "- " << code(input.file) << ": seed " << i.seed << ", " << text(format_platform(i))
          << (i.load.shared_cpus ? ", **shared CPUs**" : "")
          << (input.complete ? "" : ", **incomplete**") << "\n";
    }
  }
  if (ran_unusual_trials(c)) {
    out << "\nStart line: " << text(c.start_line) << "; perturbation: " << text(c.perturb) << ".\n";
  }
  if (ran_stopping_rule(c)) {
    out << "\n**Stopping**: " << text(c.stopping_rule) << ". " << text(c.stopping_note) << "\n";
  }
  if (!summary.complete) {
    out << "\n**Incomplete**: the run was interrupted; these are the trials done.\n";
  }
}

void write_table(const Summary& summary, std::ostream& out) {
  out << "| | case | variant | threads × iterations | trials | failed | failure rate [95% CI] "
         "| lost mean / max | report trials | unique reports | verdict |\n"
      << "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n";
  for (const CellResult& cell : summary.results) {
    const bool tsan = cell.plan.variant.info().reads_reports;
    char mean[32];
    std::snprintf(mean, sizeof mean, "%.1f", cell.measured.lost_updates.mean);
    out << "| " << symbol(cell.grade.verdict) << " | " << code(cell.plan.case_name) << " | "
        << text(cell.plan.variant.name) << " | " << cell.plan.threads << " × "
        << cell.plan.iterations << " | " << cell.measured.trials << " | "
        << cell.measured.failures.events << " | " << format_rate(cell.measured.failures) << " | "
        << mean << " / " << cell.measured.lost_updates.max << " | "
        << (tsan ? format_count(cell.measured.report_trials.events, cell.measured.trials) : "–")
        << " | " << (tsan ? std::to_string(cell.measured.unique_reports.size()) : "–") << " | **"
        << to_string(cell.grade.verdict) << "** |\n";
  }
}

// The console's detector matrix: each variant's detector side by side, a column each.
void write_matrix(const Summary& summary, std::ostream& out) {
  const DetectorMatrix matrix = detector_matrix(summary);
  out << "What each detector saw (" << text(matrix.legend) << "):\n\n";
  for (std::size_t r = 0; r < matrix.rows.size(); ++r) {
    out << '|';
    for (const std::string& cell : matrix.rows[r]) out << ' ' << text(cell) << " |";
    out << '\n';
    if (r == 0) {
      out << '|';
      for (std::size_t c = 0; c < matrix.rows[0].size(); ++c) out << "---|";
      out << '\n';
    }
  }
}

void write_reasons(const Summary& summary, std::ostream& out) {
  // Reasons for anything but a pass are shown; those for passes stay one click away.
  std::string passes;
  for (const CellResult& cell : summary.results) {
    std::string block = "- " + std::string(symbol(cell.grade.verdict)) + " " +
                        code(cell_label(cell.plan)) + " " + std::to_string(cell.plan.threads) +
                        " × " + std::to_string(cell.plan.iterations) + ": **" +
                        std::string(to_string(cell.grade.verdict)) + "**\n";
    for (const std::string& reason : reasons(cell)) block += "  - " + text(reason) + "\n";
    for (const std::string& line : model_lines(summary.context, cell)) {
      block += "  - " + text(line) + "\n";
    }
    if (cell.grade.verdict == Verdict::pass) {
      passes += block;
    } else {
      out << block;
    }
  }
  if (!passes.empty()) {
    out << "\n<details><summary>Why the passing cells passed</summary>\n\n"
        << passes << "\n</details>\n";
  }
}

void write_reports(const Summary& summary, std::ostream& out) {
  bool any = false;
  for (const CellResult& cell : summary.results) {
    for (const UniqueReport& report : cell.measured.unique_reports) {
      if (!any) out << "\n### Sanitizer reports, deduplicated\n";
      any = true;
      const std::string where = where_seen(report, cell.measured.trials);
      out << "\n<details><summary>" << symbol(cell.grade.verdict) << " <code>"
          << xml_escape(cell_label(cell.plan))
          << "</code>: " << xml_escape(signature(report.kind, report.locations)) << ", in " << where
          << ", printed " << report.occurrences << (report.occurrences == 1 ? " time" : " times")
          << "</summary>\n\n"
          << code_block(report.example) << "\n</details>\n";
    }
  }
}

}  // namespace

void write_markdown(const Summary& summary, std::ostream& out) {
  out << headline(summary) << "\n\n";
  write_platform(summary, out);
  out << '\n';
  write_table(summary, out);
  out << '\n';
  write_matrix(summary, out);
  out << '\n';
  write_reasons(summary, out);
  write_reports(summary, out);
  out << "\nRerun: " << code(summary.context.rerun_command) << '\n';
}

}  // namespace lockstress
