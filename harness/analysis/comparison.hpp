#pragma once

#include <string>
#include <vector>

#include "harness/base/result.hpp"
#include "harness/stats/fisher.hpp"
#include "harness/stats/statistics.hpp"
#include "harness/summary/summary.hpp"

namespace lockstress {

// One measure of one (case, variant, threads, iterations) cell in two summaries: a base (say,
// the platform a lock was validated on) and a new one (the platform being validated now).
struct ComparisonRow {
  std::string case_name;
  Variant variant;
  int threads = 0;
  std::int64_t iterations = 0;
  std::string measure;  // "lost updates" or "sanitizer reports": trials with at least one
  bool safe = false;    // the case (as the new summary declares it) expects no failure at all
  Rate base;
  Rate now;
  FisherResult fisher;
  bool significant = false;  // p < alpha
  // A safe case got worse: it failed more often here, and either it never failed on the base
  // (a safe case has no noise: one lost update proves a bug) or the increase is significant.
  bool safe_got_worse = false;
};

struct Comparison {
  double alpha = 0.01;
  std::vector<ComparisonRow> rows;
  std::vector<std::string> only_in_base;  // "case/variant 5x100000"
  std::vector<std::string> only_in_new;
  std::vector<std::string> notes;  // incomplete inputs, changed expectations

  bool any_safe_got_worse() const;
};

// Pairs the cells of two summaries by case, variant, threads and iterations and compares their
// rates: lost updates in every variant, sanitizer reports in tsan. An Error when the two have no
// cell in common or one names a cell twice.
Result<Comparison> compare_summaries(const Summary& base, const Summary& now, double alpha);

}  // namespace lockstress
