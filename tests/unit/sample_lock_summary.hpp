#pragma once

#include <limits>

#include "harness/analysis/grading.hpp"
#include "harness/analysis/stopping.hpp"
#include "harness/summary/summary.hpp"
#include "sample_summary.hpp"
#include "test_variants.hpp"

namespace lockstress::testing {

// The lock suite's lessons with fixed numbers: a race only the plain build sees, one only TSan
// sees (of another report kind), a race a detector was expected to catch and missed, and lock
// cases with fairness snapshots: fair, unfair, starving (an infinite ratio), and unjudged.
inline Summary sample_lock_summary() {
  Summary s = sample_summary();
  s.results.resize(2);  // the control, in both variants, as a fixed run
  for (CellResult& control : s.results) {
    control.measured.stopped_by = StopReason::trials;
    control.measured.interval_alpha = kAlpha;
    control.measured.failures = rate(3, 4);
    control.measured.lost_updates = describe({0, 10, 20, 600});
    control.measured.lost_median_bounds = {15, 15};
    control.measured.lost_histogram = power_of_two_histogram({0, 10, 20, 600});
    set_intervals(control.measured, control.plan.variant.info(), control.plan.expect);
  }
  const CellResult plain_template = s.results[0];

  auto lock_cell = [&](std::string name, Variant variant, Expect expect) {
    CellResult c = plain_template;
    c.plan.case_name = std::move(name);
    c.plan.description = "a lock";
    c.plan.variant = variant;
    c.plan.expect = std::move(expect);
    c.measured.failures = rate(0, 4);
    c.measured.lost_updates = describe({0, 0, 0, 0});
    c.measured.lost_median_bounds = {0, 0};
    c.measured.lost_histogram = power_of_two_histogram({0, 0, 0, 0});
    c.measured.report_trials = rate(0, 4);
    return c;
  };
  const double inf = std::numeric_limits<double>::infinity();

  CellResult peterson_plain =
      lock_cell("peterson_acq_rel", kPlain,
                Expect::race_caught_by_plain_only(
                    "store-buffer reordering is invisible to happens-before analysis"));
  peterson_plain.measured.failures = rate(2, 4);
  peterson_plain.measured.lost_updates = describe({0, 0, 1, 3});
  peterson_plain.measured.lost_median_bounds = {0.5, 0.5};
  peterson_plain.measured.lost_histogram = power_of_two_histogram({0, 0, 1, 3});
  peterson_plain.measured.fairness = Fairness{4, 0, 1.02, 1.25, 0, 0, 3, {800, 1000}};
  CellResult peterson_tsan = peterson_plain;
  peterson_tsan.plan.variant = kTsan;
  peterson_tsan.measured.failures = rate(0, 4);
  peterson_tsan.measured.lost_updates = describe({0, 0, 0, 0});
  peterson_tsan.measured.lost_median_bounds = {0, 0};
  peterson_tsan.measured.lost_histogram = power_of_two_histogram({0, 0, 0, 0});
  peterson_tsan.measured.fairness = Fairness{1, 3, 1.5, 1.5, 0, 0, 0, {200, 300}};

  const Expect inversion =
      Expect::race_caught_by_tsan_only("the orders never overlap in time", "lock-order-inversion");
  CellResult inversion_plain = lock_cell("lock_order_inversion", kPlain, inversion);
  CellResult inversion_tsan = lock_cell("lock_order_inversion", kTsan, inversion);
  inversion_tsan.measured.report_trials = rate(4, 4);
  inversion_tsan.measured.report_kinds = {{"lock-order-inversion", 4}};
  inversion_tsan.measured.runtime_reports = inversion_tsan.measured.parsed_reports = 4;
  inversion_tsan.measured.unique_reports = {UniqueReport{
      "lock-order-inversion",
      {{"lock()", "cases/m.cpp", 7, 0}},
      4,
      4,
      0,
      "WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock) (pid=3)\n"}};

  CellResult relaxed_tsan =
      lock_cell("spinlock_relaxed", kTsan, Expect::race_caught_by_tsan_only("x86"));

  CellResult unfair = lock_cell("spinlock", kPlain, Expect::safe);
  unfair.measured.fairness = Fairness{4, 0, 3.5, 12, 3, 0, 1, {1000, 80}};
  CellResult starving = lock_cell("spinlock", kTsan, Expect::safe);
  starving.measured.fairness = Fairness{4, 0, inf, inf, 4, 3, 0, {1000, 0}};
  starving.measured.worker_cpus = {0, 0};

  for (CellResult* c : {&peterson_plain, &peterson_tsan, &inversion_plain, &inversion_tsan,
                        &relaxed_tsan, &unfair, &starving}) {
    s.results.push_back(*c);
  }
  grade_all(s.results);
  return s;
}

}  // namespace lockstress::testing
