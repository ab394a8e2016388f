#include "harness/reporters/comparison_reporter.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "harness/reporters/escape.hpp"
#include "harness/reporters/text_table.hpp"
#include "harness/summary/format.hpp"

namespace lockstress {
namespace {

std::string platform(const Summary& s) {
  const Context& c = s.context;
  return terminal_text(format_platform(c) + "; seed " + std::to_string(c.seed) + ", " +
                       c.started_at);
}

std::string counts(const Rate& rate) {
  return std::to_string(rate.events) + "/" + std::to_string(rate.trials);
}

std::string cell(const ComparisonRow& r) {
  return terminal_text(r.case_name + "/" + r.variant.name);
}

std::string change(const ComparisonRow& r) {
  if (r.safe_got_worse) return "WORSE (safe case)";
  if (!r.significant) return "-";
  return r.now.value > r.base.value ? "more (significant)" : "fewer (significant)";
}

}  // namespace

std::string format_p_value(const FisherResult& fisher) {
  char buffer[48];
  if (fisher.log10_p >= -3) {
    std::snprintf(buffer, sizeof buffer, "%.2g", std::pow(10.0, fisher.log10_p));
    return buffer;
  }
  double exponent = std::floor(fisher.log10_p);
  double mantissa = std::pow(10.0, fisher.log10_p - exponent);
  if (mantissa >= 9.95) {  // would print as "10.0e-5"
    mantissa = 1;
    exponent += 1;
  }
  std::snprintf(buffer, sizeof buffer, "%.1fe%.0f", mantissa, exponent);
  return buffer;
}

namespace {

void write_comparison_lines(const Comparison& comparison, const Summary& base,
                            const std::string& base_name, const Summary& now,
                            const std::string& new_name, std::ostream& out) {
  out << "base: " << terminal_text(base_name) << " on " << platform(base) << '\n';
  out << "new:  " << terminal_text(new_name) << " on " << platform(now) << "\n\n";

  std::vector<std::vector<std::string>> rows{
      {"case/variant", "threads x iters", "measure", "base", "", "new", "", "p", "change"}};
  for (const ComparisonRow& r : comparison.rows) {
    rows.push_back({cell(r), std::to_string(r.threads) + "x" + std::to_string(r.iterations),
                    r.measure, counts(r.base), format_rate(r.base), counts(r.now),
                    format_rate(r.now), format_p_value(r.fisher), change(r)});
  }
  print_table(rows, out);

  char alpha[32];
  std::snprintf(alpha, sizeof alpha, "%g", comparison.alpha);
  out << "\nSignificant changes (Fisher's exact test, two-sided, p < " << alpha << "):\n";
  bool any = false;
  for (const ComparisonRow& r : comparison.rows) {
    if (!r.significant) continue;
    any = true;
    out << "  " << cell(r) << " " << r.threads << "x" << r.iterations << ", " << r.measure << ": "
        << counts(r.base) << " on the base platform, " << counts(r.now)
        << " here, p = " << format_p_value(r.fisher) << '\n';
  }
  if (!any) out << "  none\n";

  out << "\nSafe cases that got worse:\n";
  any = false;
  for (const ComparisonRow& r : comparison.rows) {
    if (!r.safe_got_worse) continue;
    any = true;
    out << "  " << cell(r) << " " << r.threads << "x" << r.iterations << ", " << r.measure << ": "
        << counts(r.base) << " on the base platform, " << counts(r.now) << " here"
        << (r.base.events == 0
                ? " (a safe case never fails on a correct platform: one failure is a bug)"
                : ", p = " + format_p_value(r.fisher))
        << '\n';
  }
  if (!any) out << "  none\n";

  for (const auto& [title, names] :
       {std::pair{"Only in the base summary", &comparison.only_in_base},
        std::pair{"Only in the new summary", &comparison.only_in_new}}) {
    if (names->empty()) continue;
    out << '\n' << title << " (not compared):\n";
    for (const std::string& name : *names) out << "  " << terminal_text(name) << '\n';
  }
  if (!comparison.notes.empty()) {
    out << "\nNotes:\n";
    for (const std::string& note : comparison.notes) out << "  " << terminal_text(note) << '\n';
  }
}

}  // namespace

// Both summaries are input: what they hold reaches the terminal as text, never as an escape
// sequence or a forged line (see write_console).
void write_comparison(const Comparison& comparison, const Summary& base,
                      const std::string& base_name, const Summary& now, const std::string& new_name,
                      std::ostream& out) {
  std::ostringstream text;
  write_comparison_lines(comparison, base, base_name, now, new_name, text);
  out << terminal_lines(text.str());
}

}  // namespace lockstress
