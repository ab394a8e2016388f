#include <algorithm>
#include <iomanip>
#include <sstream>

#include "harness/reporters/detector_matrix.hpp"
#include "harness/reporters/escape.hpp"
#include "harness/reporters/reporters.hpp"
#include "harness/reporters/text_table.hpp"
#include "harness/summary/format.hpp"
#include "harness/summary/grade_words.hpp"
#include "harness/summary/model_words.hpp"
#include "harness/summary/tsan_overrides.hpp"

namespace lockstress {
namespace {

std::string fixed(double value, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << value;
  return out.str();
}

std::string cell_name(const CellResult& cell) { return terminal_text(cell_label(cell.plan)); }

// The median trial's max/min acquisitions, flagged: "1.02", "5.37 unfair", "inf starving".
std::string fairness_text(const CellResult& cell) {
  if (!cell.measured.fairness || cell.measured.fairness->trials == 0) return "-";
  const Fairness& f = *cell.measured.fairness;
  return format_ratio(f.median_ratio) + (f.starving() ? " starving" : f.unfair() ? " unfair" : "");
}

// Trials in which two or more workers ran at once: "200/200"; "-" where not measured.
std::string overlap_text(const CellResult& cell) {
  if (!cell.measured.overlap.measured()) return "-";
  return std::to_string(cell.measured.overlap.trials_with_overlap) + "/" +
         std::to_string(cell.measured.overlap.measured_trials);
}

// The rest of the platform fingerprint, where known: what a lock's behaviour can depend on.
void write_fingerprint(const Context& c, std::ostream& out) {
  std::vector<std::string> parts;
  for (const std::string& part : {c.distribution, c.libc}) {
    if (!part.empty()) parts.push_back(part);
  }
  if (c.threads_per_core > 0) {
    parts.push_back(
        std::to_string(c.online_cpus) + " logical CPUs, " + std::to_string(c.threads_per_core) +
        (c.threads_per_core == 1 ? " thread per core (no SMT)" : " threads per core (SMT)"));
  }
  if (c.cache_line_bytes > 0) {
    parts.push_back(std::to_string(c.cache_line_bytes) + "-byte cache lines");
  }
  std::string line;
  for (const std::string& part : parts) line += (line.empty() ? "" : ", ") + part;
  if (!line.empty()) out << "  " << line << '\n';
  // One line per variant, "name:" padded to the longest.
  std::size_t width = 0;
  for (const VariantBuild& b : c.variant_builds) width = std::max(width, b.variant.name.size());
  for (const VariantBuild& b : c.variant_builds) {
    if (b.flags.empty()) continue;
    out << "  " << b.variant.name << ":" << std::string(width - b.variant.name.size() + 1, ' ')
        << c.runner_compiler << " " << b.flags;
    if (!b.runtime.empty()) out << ", runtime " << b.runtime;
    out << '\n';
    if (!b.c_flags.empty()) {
      out << "  " << std::string(width + 2, ' ') << "C sources: " << c.runner_c_compiler << " "
          << b.c_flags << '\n';
    }
  }
}

// Pinning the OS would not do, or could not do as asked, is said, not silently ignored. (A worker
// the OS refused to pin is also named in its cell's reasons.)
void write_placement_note(const Summary& summary, std::ostream& out) {
  bool compact = false;
  int refused = 0;
  for (const CellResult& cell : summary.results) {
    compact = compact || cell.plan.pin == Pin::compact;
    if (cell.plan.pin != Pin::none) {
      refused += static_cast<int>(
          std::count(cell.measured.worker_cpus.begin(), cell.measured.worker_cpus.end(), -1));
    }
  }
  const int per_core = summary.context.threads_per_core;
  if (compact && per_core == 1) {
    out << "  pinning: --pin compact asked, but no CPU here has an SMT sibling: workers were "
           "placed one per core, as with spread\n";
  } else if (compact && per_core == 0) {
    out << "  pinning: --pin compact asked, but this system does not say which CPUs share a core: "
           "workers were placed in CPU order\n";
  }
  if (refused > 0) {
    out << "  pinning: the OS refused to pin " << refused
        << " worker threads (see each cell's reasons); they ran where the scheduler put them\n";
  }
}

std::vector<std::string> row(const CellResult& cell) {
  const bool tsan = cell.plan.variant.info().reads_reports;
  return {cell.plan.case_name,
          cell.plan.variant.name,
          point_label(cell.plan),
          std::to_string(cell.measured.trials),
          std::to_string(cell.measured.failures.events),
          format_rate(cell.measured.failures),
          fixed(cell.measured.lost_updates.mean, 1) + " / " +
              std::to_string(cell.measured.lost_updates.max),
          tsan ? std::to_string(cell.measured.report_trials.events) + "/" +
                     std::to_string(cell.measured.trials)
               : "-",
          tsan ? std::to_string(cell.measured.unique_reports.size()) : "-",
          fairness_text(cell),
          overlap_text(cell),
          std::string(to_string(cell.grade.verdict))};
}

// Only what differs from a plain fixed run, so that the usual summary stays as it was.
void write_run_settings(const Summary& summary, std::ostream& out) {
  const Context& c = summary.context;
  if (ran_unusual_trials(c)) {
    out << "\nStart line: " << c.start_line << "; perturbation: " << c.perturb << '\n';
  }
  if (!ran_stopping_rule(c)) return;
  out << "\nStopping: " << c.stopping_rule << ".\n  " << c.stopping_note << '\n';
  for (const CellResult& cell : summary.results) {
    out << "  " << cell_name(cell) << ": " << cell.measured.trials
        << (cell.measured.trials == 1 ? " trial" : " trials") << ", stopped by "
        << to_string(cell.measured.stopped_by) << '\n';
  }
}

// The suppressions file, and what it hid in each cell: a clean result that rests on it must not
// read like one that does not.
void write_suppressions(const Summary& summary, std::ostream& out) {
  if (summary.context.suppressions_file.empty()) return;
  out << "\nSuppressions: " << terminal_text(summary.context.suppressions_file)
      << " (TSan runners)\n";
  bool any = false;
  for (const CellResult& cell : summary.results) {
    const finding::Suppressed* s = cell.grade.find<finding::Suppressed>();
    if (!s) continue;
    any = true;
    out << "  " << cell_name(cell) << ": " << s->reports
        << (s->reports == 1 ? " report" : " reports") << " suppressed"
        << (s->clean ? ", and none printed: its result rests on them" : "") << '\n';
  }
  if (!any) out << "  no report suppressed\n";
}

void write_console_lines(const Summary& summary, std::ostream& out) {
  const Context& c = summary.context;
  out << "lockstress " << c.lockstress_version << " on " << terminal_text(format_platform(c))
      << '\n';
  write_fingerprint(c, out);
  if (!c.emulation.empty()) out << "  EMULATED: " << c.emulation << '\n';
  if (const std::string load = format_load(c.load); !load.empty()) out << "  " << load << '\n';
  if (const std::string warning = shared_cpus_warning(c.load, c.cpus); !warning.empty()) {
    out << "  WARNING: " << warning << '\n';
  }
  if (!c.tsan_options.empty()) {
    out << "  TSAN_OPTIONS: " << terminal_text(c.tsan_options)
        << " (from the environment: it overrides the TSan runner's own options)\n";
  }
  for (const TsanOverride& o : attribution_overrides(c.tsan_options)) {
    out << "  WARNING: TSAN_OPTIONS sets " << terminal_text(o.setting) << ": "
        << terminal_text(o.consequence) << '\n';
  }
  write_placement_note(summary, out);
  if (!summary.merged_from.empty()) {
    out << "Merged from " << summary.merged_from.size() << " summaries:";
    for (const MergedInput& input : summary.merged_from) out << ' ' << terminal_text(input.file);
    out << '\n';
  }
  if (!summary.complete) out << "INCOMPLETE: the run was interrupted; these are the trials done.\n";
  out << '\n';
  write_detector_matrix(summary, out);
  out << '\n';

  std::vector<std::vector<std::string>> rows{
      {"case", "variant", "threads x iters", "trials", "failed", "failure rate [95% CI]",
       "lost mean / max", "report trials", "unique", "max/min acq", "overlap", "verdict"}};
  for (const CellResult& cell : summary.results) rows.push_back(row(cell));
  print_table(rows, out);

  write_run_settings(summary, out);
  write_suppressions(summary, out);

  out << "\nWhy:\n";
  for (const CellResult& cell : summary.results) {
    out << "  " << cell_name(cell) << ": " << to_string(cell.grade.verdict) << '\n';
    for (const std::string& reason : reasons(cell)) out << "      " << reason << '\n';
    for (const std::string& line : model_lines(c, cell)) {
      out << "      " << terminal_text(line) << '\n';
    }
  }

  bool any_reports = false;
  for (const CellResult& cell : summary.results) {
    for (const UniqueReport& report : cell.measured.unique_reports) {
      if (!any_reports)
        out << "\nSanitizer reports, deduplicated (full text in the JSON summary):\n";
      any_reports = true;
      out << "  " << cell_name(cell) << ": " << signature(report.kind, report.locations)
          << "\n      in " << where_seen(report, cell.measured.trials) << ", printed "
          << report.occurrences << (report.occurrences == 1 ? " time\n" : " times\n");
    }
  }

  out << "\nSeed " << c.seed << ". Rerun: " << terminal_text(c.rerun_command) << '\n';
}

}  // namespace

// Everything shown may come from a summary read back (merge) or a runner's output: fields that
// could forge a line are made single-line where they are written, and what is left (a CPU model,
// a report's text) can send no escape sequence to the terminal.
void write_console(const Summary& summary, std::ostream& out) {
  std::ostringstream text;
  write_console_lines(summary, text);
  out << terminal_lines(text.str());
}

}  // namespace lockstress
