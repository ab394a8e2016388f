#pragma once

#include "harness/analysis/grading.hpp"
#include "harness/analysis/stopping.hpp"
#include "harness/summary/summary.hpp"
#include "test_variants.hpp"

namespace lockstress::testing {

// A small summary with fixed numbers: a caught race in both variants, a clean safe case, a
// failing safe case with a report, and a cell that could not run. Report text holds the
// characters every output format must escape.
inline Summary sample_summary() {
  Summary s;
  s.context = Context{"0.1.0",
                      "lockstress run --trials 4",
                      "lockstress run --iterations 1000 --trials 4 --seed 7",
                      7,
                      2,
                      2,
                      "Test CPU",
                      "x86_64",
                      "Linux 6.1",
                      "clang 14.0.6",
                      "2026-01-01T00:00:00Z",
                      "",
                      "Debian GNU/Linux 12 (bookworm)",
                      "#1 SMP PREEMPT_DYNAMIC",
                      "glibc 2.36",
                      1,
                      64,
                      "Clang 14.0.6",
                      {{kPlain, "-O2 -g -DNDEBUG -O2", ""},
                       {kTsan, "-O2 -g -DNDEBUG -fsanitize=thread -O1 -g",
                        "/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.tsan-x86_64.a"},
                       {kModel, "-O2 -g -DNDEBUG -fsanitize=thread -O1 -g",
                        "liblockstress_runtime_model.a"}}};
  const Expect race = Expect::race_caught_by({Detector::plain, Detector::tsan});

  CellResult control;
  control.plan.case_name = "unsafe_counter";
  control.plan.description = "no lock";
  control.plan.expect = race;
  control.plan.threads = 2;
  control.plan.iterations = 1000;
  control.plan.trials = control.measured.trials = 4;
  control.measured.failures = rate(3, 4);
  control.measured.lost_updates = describe({0, 10, 20, 600});
  control.measured.lost_median_bounds = {15, 15};
  control.measured.lost_histogram = power_of_two_histogram({0, 10, 20, 600});
  control.measured.trial_ranges = {{7, 0, 4}};
  control.measured.report_trials = rate(0, 4);
  control.measured.trial_seconds = 0.004;
  control.measured.wall_seconds = 0.01;
  control.plan.variant = kPlain;
  control.plan.pin = Pin::spread;
  control.measured.worker_cpus = {0, 1};

  CellResult control_tsan = control;
  control_tsan.plan.variant = kTsan;
  control_tsan.measured.report_trials = rate(4, 4);
  control_tsan.measured.report_kinds = {{"data race", 4}};
  control_tsan.measured.runtime_reports = control_tsan.measured.parsed_reports = 9;
  control_tsan.measured.unique_reports = {UniqueReport{
      "data race",
      {{"f(int)", "cases/a.cpp", 12, 3}, {"g<T>() & <x>", "cases/b.cpp", 40, 1}},
      4,
      9,
      0,
      "WARNING: ThreadSanitizer: data race (pid=1)\n  <tag> & ]]> \xc3\xa9t\xc3\xa9 \xff\n"}};

  CellResult locked = control;
  locked.plan.case_name = "locked_counter";
  locked.plan.description = "a mutex";
  locked.plan.expect = Expect::safe;
  locked.measured.failures = rate(0, 4);
  locked.measured.lost_updates = describe({0, 0, 0, 0});
  locked.measured.lost_median_bounds = {0, 0};
  locked.measured.lost_histogram = power_of_two_histogram({0, 0, 0, 0});

  CellResult locked_tsan = locked;
  locked_tsan.plan.variant = kTsan;
  locked_tsan.measured.report_trials = rate(1, 4);
  locked_tsan.measured.report_kinds = {{"data race", 1}};
  locked_tsan.measured.runtime_reports = locked_tsan.measured.parsed_reports = 1;
  locked_tsan.measured.unique_reports = {
      UniqueReport{"data race",
                   {{"h()", "cases/c.cpp", 5, 0}},
                   1,
                   1,
                   2,
                   "WARNING: ThreadSanitizer: data race (pid=2)\n"}};

  // A runner killed from outside (the OOM killer, say): not the case's doing, so an error.
  CellResult broken = locked;
  broken.plan.case_name = "killed_runner";
  broken.measured.trials = 1;
  broken.measured.trial_ranges = {{7, 0, 1}};
  broken.measured.failures = rate(0, 1);
  broken.measured.report_trials = rate(0, 1);
  broken.measured.lost_updates = describe({0});
  broken.measured.lost_histogram = power_of_two_histogram({0});
  broken.measured.error =
      "runner killed by SIGKILL after 1 of 4 trials, from outside lockstress; last output: boom";

  // A lock that hung once and crashed once: both faults fail the cell, and the trials around them
  // still count.
  CellResult faulty = locked;
  faulty.plan.case_name = "forgetful_lock";
  faulty.plan.description = "unlock forgets";
  faulty.measured.trials = 2;
  faulty.measured.trial_ranges = {{7, 0, 1}, {7, 2, 1}};  // trial 1 hung, trial 3 crashed
  faulty.measured.failures = rate(0, 2);
  faulty.measured.report_trials = rate(0, 2);
  faulty.measured.lost_updates = describe({0, 0});
  faulty.measured.lost_histogram = power_of_two_histogram({0, 0});
  faulty.measured.faults = {
      {TrialFault::Kind::hung, 1, 99, "no progress for 60.0 s (the watchdog limit)", ""},
      {TrialFault::Kind::crashed, 3, 100, "SIGSEGV (ThreadSanitizer: SEGV on unknown address 0x8)",
       "SUMMARY: ThreadSanitizer: SEGV cases/f.cpp:9 in f()\n==1==ABORTING"}};

  // A run with a perturbation and sequential stopping rules, cells they stopped, and a median
  // known only to the streaming tally's bucket (300 in [300, 303], 1000 in [1000, 1007]): fields a
  // fixed run leaves at their defaults.
  const StoppingRule rule{.ci_width = 0.2, .stop_on_detect = true};
  s.context.perturb = "yield";
  // A machine busier than its 2 CPUs: every header warns.
  s.context.load = {.start = 0.4, .end = 2.6, .highest = 3.1, .shared_cpus = true};
  s.context.stopping = rule;
  s.context.stopping_rule = rule_text(rule);
  s.context.stopping_note = interval_note(rule);
  locked_tsan.measured.stopped_by = StopReason::ci_width;
  locked_tsan.measured.interval_alpha = 0.0125;
  set_intervals(locked_tsan.measured, locked_tsan.plan.variant.info(), locked_tsan.plan.expect);
  control.measured.stopped_by = StopReason::first_detection;
  control.measured.failures.events = 1;
  control.measured.lost_updates = describe({0, 0, 0, 600});
  control.measured.lost_median_bounds = {0, 0};
  control.measured.lost_histogram = power_of_two_histogram({0, 0, 0, 600});
  set_intervals(control.measured, control.plan.variant.info(), control.plan.expect);
  control_tsan.measured.lost_updates = describe({0, 300, 1000, 1900});
  control_tsan.measured.lost_median_bounds = {650, 655};
  control_tsan.measured.lost_updates.median = 652.5;
  control_tsan.measured.lost_histogram = power_of_two_histogram({0, 300, 1000, 1900});
  // A suppressions file that hid reports beside the one printed.
  s.context.suppressions_file = "tsan.supp";
  locked_tsan.measured.suppressed = {{"race", "benign_flag", 3}};

  // Overlap as measured: the locked plain cell had a trial whose workers never ran at once (its
  // bound is over the other 3), the TSan one too (its bound stays over all 4: TSan needs no
  // overlap), and the killed runner's cell predates the measurement.
  control.measured.overlap = {4, 4, 4 * 3000};
  control_tsan.measured.overlap = {4, 3, 3 * 12500};
  locked.measured.overlap = {4, 3, 3 * 250000};
  locked_tsan.measured.overlap = {4, 3, 3 * 1500000};
  broken.measured.overlap = {};
  faulty.measured.overlap = {2, 2, 2 * 1000};
  for (CellResult* cell : {&control, &control_tsan, &locked, &locked_tsan, &faulty}) {
    set_intervals(cell->measured, cell->plan.variant.info(), cell->plan.expect);
  }

  // The model's cells, at its own sizes: the control lost updates in some schedules, and the
  // clean lock states PCT's bound over its schedules, with n and k as the runner measured them.
  CellResult control_model = control;
  control_model.plan.variant = kModel;
  control_model.plan.expect = race.caught_by_model_too();
  control_model.plan.iterations = 3;
  control_model.plan.trials = control_model.measured.trials = 300;
  control_model.plan.pin = Pin::none;
  control_model.measured.worker_cpus = {-1, -1};
  control_model.measured.trial_ranges = {{7, 0, 300}};
  control_model.measured.failures = rate(150, 300);
  control_model.measured.report_trials = rate(0, 300);
  std::vector<std::int64_t> lost(150, 0);
  lost.resize(300, 1);
  control_model.measured.lost_updates = describe(lost);
  control_model.measured.lost_median_bounds = {0.5, 0.5};
  control_model.measured.lost_histogram = power_of_two_histogram(lost);
  control_model.measured.overlap = {};
  control_model.measured.stopped_by = StopReason::trials;
  control_model.measured.interval_alpha = 0.05;
  control_model.measured.model = ModelSchedules{"pct", "c11", 2, 10, 3, ""};
  CellResult locked_model = control_model;
  locked_model.plan.case_name = "locked_counter";
  locked_model.plan.description = "a mutex";
  locked_model.plan.expect = Expect::safe;
  locked_model.measured.failures = rate(0, 300);
  locked_model.measured.lost_updates = describe(std::vector<std::int64_t>(300, 0));
  locked_model.measured.lost_median_bounds = {0, 0};
  locked_model.measured.lost_histogram = power_of_two_histogram(std::vector<std::int64_t>(300, 0));
  locked_model.measured.model = ModelSchedules{"pct", "c11", 2, 24, 3, ""};
  for (CellResult* cell : {&control_model, &locked_model}) {
    set_intervals(cell->measured, cell->plan.variant.info(), cell->plan.expect);
  }

  s.results = {control,       control_tsan, locked, locked_tsan, broken, faulty,
               control_model, locked_model};
  grade_all(s.results);
  return s;
}

}  // namespace lockstress::testing
