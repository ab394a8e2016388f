#include "harness/stats/grading.hpp"

#include <algorithm>
#include <cstdio>

#include "harness/summary/format.hpp"
#include "lockstress/case.hpp"

namespace lockstress {
namespace {

std::string lost_text(const CellResult& cell) {
  return "lost updates in " + format_count(cell.failures.events, cell.trials) + " (up to " +
         std::to_string(cell.lost_updates.max) + " per trial)";
}

std::string caught_text(const CellResult& cell) {
  const DetectorInfo& detector = cell.variant.info();
  if (!detector.expected_report) return lost_text(cell);
  return std::string(detector.who) + " reported a " + cell.expect.*detector.expected_report +
         " in " + format_count(caught_trials(detector, cell.expect, cell), cell.trials);
}

std::string missed_text(const CellResult& cell) {
  const DetectorInfo& detector = cell.variant.info();
  const std::string bound = "rate <= " + format_percent(cell.failures.ci95.high) + " at 95%";
  if (!detector.expected_report)
    return "no trial of " + std::to_string(cell.trials) + " lost an update (" + bound + ")";
  return "no trial of " + std::to_string(cell.trials) + " drew a " +
         cell.expect.*detector.expected_report + " report";
}

// How long a duration is, for people: "850 ns", "4.4 µs", "1.2 ms".
std::string format_ns(double ns) {
  char text[32];
  if (ns < 1e3) {
    std::snprintf(text, sizeof text, "%.0f ns", ns);
  } else if (ns < 1e6) {
    std::snprintf(text, sizeof text, "%.3g µs", ns / 1e3);
  } else {
    std::snprintf(text, sizeof text, "%.3g ms", ns / 1e6);
  }
  return text;
}

// For a detector that needs the workers to run at once (DetectorInfo::needs_overlap says which, and
// why): a clean trial whose workers never did is not counted toward a safe case's bound, and a
// race missed in every such trial was never given the chance to show.
bool overlap_counts(const CellResult& cell) {
  return cell.variant.info().needs_overlap && cell.overlap.measured();
}

// Of the cell's trials, those its grade may count as tests of concurrency.
std::int64_t counted_trials(const CellResult& cell) {
  return overlap_counts(cell) ? cell.overlap.concurrent_trials(cell.trials) : cell.trials;
}

// Measured, and not one trial ran every worker at once: nothing concurrent was tested. The
// harness's doing (or the machine's load), never the code's or the platform's memory model.
bool never_overlapped(const CellResult& cell) {
  return overlap_counts(cell) && cell.trials > 0 && cell.overlap.trials_with_overlap == 0;
}

std::string never_overlapped_text(const CellResult& cell) {
  return "harness fault: in none of " + std::to_string(cell.trials) +
         " trials were two workers inside the workload at once (each began after the other had "
         "finished), "
         "so nothing concurrent was tested; another load on these CPUs, or trials too short for "
         "the start line, can do this: rerun on a quieter machine or raise --iterations";
}

void add_safe_problems(const CellResult& cell, std::vector<std::string>& problems) {
  if (cell.failures.events > 0) {
    problems.push_back(lost_text(cell));
  }
  for (const UniqueReport& report : cell.unique_reports) {
    problems.push_back("TSan reported a " + report.kind + " at " +
                       describe_locations(report.locations) + " in " +
                       (report.first_trial < 0 ? std::string("the runner's start-up or exit")
                                               : format_count(report.trials, cell.trials)));
  }
  if (cell.unique_reports.empty() && cell.runtime_reports > 0) {
    problems.push_back("the sanitizer counted " + std::to_string(cell.runtime_reports) +
                       " reports whose text never arrived");
  }
}

Grade grade_safe(const CellResult& cell, std::optional<bool> control_detected) {
  Grade grade;
  add_safe_problems(cell, grade.reasons);
  if (!grade.reasons.empty()) {
    grade.verdict = Verdict::fail;
    return grade;
  }
  if (never_overlapped(cell)) {
    grade.verdict = Verdict::error;
    grade.reasons.push_back(never_overlapped_text(cell));
    return grade;
  }
  // The plain rate is over the trials that tested concurrency (see overlap_counts and
  // set_intervals).
  const std::int64_t concurrent = counted_trials(cell);
  grade.reasons.push_back(
      "no trial of " + std::to_string(cell.trials) +
      " lost an update (rate <= " + format_percent(cell.failures.ci95.high) + " at 95%" +
      (concurrent == cell.trials
           ? ""
           : "; over the " + std::to_string(concurrent) +
                 " in which workers ran at once: the other " +
                 std::to_string(cell.trials - concurrent) + " tested nothing concurrent") +
      ")");
  if (cell.variant.info().reads_reports) {
    grade.reasons.push_back("no trial of " + std::to_string(cell.trials) +
                            " drew a sanitizer report (rate <= " +
                            format_percent(cell.report_trials.ci95.high) + " at 95%)");
  }
  if (control_detected.value_or(false)) {
    grade.verdict = Verdict::pass;
    return grade;
  }
  grade.verdict = Verdict::inconclusive;
  grade.reasons.push_back(std::string("the race control ") + kControlCase +
                          (control_detected ? " was not detected" : " did not run") + " in the " +
                          cell.variant.name + " variant, so a clean result here proves nothing");
  return grade;
}

Grade grade_race(const CellResult& cell, std::optional<bool> control_detected) {
  Grade grade;
  const bool detected = race_detected(cell);
  const std::string& variant = cell.variant.name;
  const DetectorInfo& detector = cell.variant.info();
  if (!cell.expect.must_be_caught_by(detector.kind)) {
    grade.verdict = Verdict::pass;
    if (detected) {
      grade.reasons.push_back(caught_text(cell) + " (not required of " + variant + ")");
    } else {
      // Said plainly, because it is the point: this detector cannot see this bug.
      grade.reasons.push_back(
          std::string(detector.who) +
          (detector.expected_report ? " did not report " : " lost no update in ") + cell.case_name +
          " — expected" + (cell.expect.blind_spot.empty() ? "" : ": " + cell.expect.blind_spot));
    }
    return grade;
  }
  if (detected) {
    grade.verdict = Verdict::pass;
    grade.reasons.push_back("caught: " + caught_text(cell));
    return grade;
  }
  grade.reasons.push_back("expected to be caught by " + variant + ", but " + missed_text(cell));
  if (never_overlapped(cell)) {
    // Not the platform's doing, nor the code's: the race was never given a chance to show.
    grade.verdict = Verdict::error;
    grade.reasons.push_back(never_overlapped_text(cell));
    return grade;
  }
  if (cell.case_name == kControlCase) {
    // The control measures the platform, not the code: missing it makes the run uninformative.
    grade.verdict = Verdict::inconclusive;
    grade.reasons.push_back(
        "this machine, build and parameters did not show the control's race; raise --iterations "
        "or --threads, or check that the build is not single-threaded");
  } else if (!control_detected.value_or(false)) {
    grade.verdict = Verdict::inconclusive;
    grade.reasons.push_back(std::string("the race control ") + kControlCase +
                            " was not detected in the " + variant + " variant either");
  } else {
    grade.verdict = Verdict::fail;
  }
  return grade;
}

std::string fault_text(const TrialFault& fault) {
  std::string text = std::string(to_string(fault.kind)) + " in trial " +
                     std::to_string(fault.trial) + " (seed " + std::to_string(fault.seed) + ")";
  if (fault.kind == TrialFault::Kind::hung || fault.output.empty())
    return text + ": " + fault.cause;
  // The last two lines: a sanitizer's SUMMARY line, or the case's own last words.
  std::string_view last = fault.output;
  std::size_t cut = last.rfind('\n');
  if (cut != std::string_view::npos && cut > 0) cut = last.rfind('\n', cut - 1);
  if (cut != std::string_view::npos) last.remove_prefix(cut + 1);
  std::string shown(last.substr(0, 400));
  for (char& c : shown) c = c == '\n' ? '|' : c;
  return text + ": " + fault.cause + "; last output: " + shown;
}

// Fairness never changes a verdict (an unfair lock is still a correct one); it is reported.
void add_fairness_notes(const CellResult& cell, std::vector<std::string>& reasons) {
  const Fairness& f = *cell.fairness;
  const std::string judged = std::to_string(f.trials) + (f.trials == 1 ? " trial" : " trials") +
                             (f.unjudged_trials > 0 ? " (" + std::to_string(f.unjudged_trials) +
                                                          " more overlapped too briefly to judge)"
                                                    : "");
  if (f.trials == 0) {
    reasons.push_back("fairness: not judged, the threads never ran together long enough in " +
                      judged);
    return;
  }
  std::string worst;
  for (std::int64_t a : f.worst_acquisitions)
    worst += (worst.empty() ? "" : "/") + std::to_string(a);
  reasons.push_back("fairness: acquisitions while all threads ran, max/min median " +
                    format_ratio(f.median_ratio) + ", worst " + format_ratio(f.worst_ratio) +
                    " (trial " + std::to_string(f.worst_trial) + ": " + worst + "), over " +
                    judged);
  if (f.starving()) {
    reasons.push_back("STARVING: in " + format_count(f.starved_trials, f.trials) +
                      " a thread got no acquisition at all while the others ran");
  } else if (f.unfair()) {
    reasons.push_back("UNFAIR: in " + format_count(f.unfair_trials, f.trials) +
                      " the busiest thread got more than twice what the least busy got");
  }
  std::vector<int> cpus;
  for (int cpu : cell.worker_cpus) {
    if (cpu >= 0 && std::find(cpus.begin(), cpus.end(), cpu) == cpus.end()) cpus.push_back(cpu);
  }
  if (!cpus.empty() && cpus.size() < cell.worker_cpus.size()) {
    reasons.push_back("fairness: " + std::to_string(cell.worker_cpus.size()) + " threads shared " +
                      std::to_string(cpus.size()) + (cpus.size() == 1 ? " CPU" : " CPUs") +
                      ", so a thread waiting for its CPU counts as starved by the lock too");
  }
}

}  // namespace

bool race_detected(const CellResult& cell) {
  return caught_trials(cell.variant.info(), cell.expect, cell) > 0;
}

Grade grade_cell(const CellResult& cell, std::optional<bool> control_detected) {
  // A hung or crashed trial is the code under test misbehaving: a failure, whatever else happened.
  if (!cell.faults.empty()) {
    Grade grade{Verdict::fail, {}};
    for (const TrialFault& fault : cell.faults) grade.reasons.push_back(fault_text(fault));
    if (cell.error) grade.reasons.push_back(*cell.error);
    const std::int64_t ran = cell.trials + static_cast<std::int64_t>(cell.faults.size());
    if (ran < cell.trials_requested) {
      grade.reasons.push_back(std::to_string(cell.trials_requested - ran) + " of " +
                              std::to_string(cell.trials_requested) + " trials did not run");
    }
    return grade;
  }
  if (cell.error) return Grade{Verdict::error, {*cell.error}};
  Grade grade =
      cell.expect.race ? grade_race(cell, control_detected) : grade_safe(cell, control_detected);
  if (cell.trials < cell.trials_requested) {
    grade.reasons.push_back("only " + std::to_string(cell.trials) + " of " +
                            std::to_string(cell.trials_requested) + " trials ran");
  }
  const auto unpinned = std::count(cell.worker_cpus.begin(), cell.worker_cpus.end(), -1);
  if (!cell.pin.empty() && cell.pin != "none" && unpinned > 0) {
    grade.reasons.push_back("the OS refused to pin " + std::to_string(unpinned) + " of " +
                            std::to_string(cell.worker_cpus.size()) +
                            " workers; they ran wherever the scheduler put them");
  }
  if (cell.fairness) add_fairness_notes(cell, grade.reasons);
  if (overlap_counts(cell) && cell.overlap.trials_without_overlap() > 0 &&
      !never_overlapped(cell)) {
    grade.reasons.push_back(
        "overlap: workers ran at once in " +
        format_count(cell.overlap.trials_with_overlap, cell.overlap.measured_trials) + " (for " +
        format_ns(cell.overlap.mean_overlap_ns()) +
        " on average, the longest two ran together); in the others no two workers were inside "
        "the workload at the same time");
  }
  if (cell.runtime_reports != cell.parsed_reports) {
    grade.reasons.push_back("the sanitizer counted " + std::to_string(cell.runtime_reports) +
                            " reports and " + std::to_string(cell.parsed_reports) +
                            " were read from its output");
  }
  return grade;
}

void grade_all(std::vector<CellResult>& cells) {
  // The gate prefers the control cell run with the same parameters; a case with its own thread
  // limit (Peterson: 2) falls back to any control cell of the same variant.
  auto control_detected = [&](const CellResult& cell) -> std::optional<bool> {
    std::optional<bool> same_parameters;
    std::optional<bool> any_parameters;
    for (const CellResult& other : cells) {
      if (other.case_name != kControlCase || other.variant != cell.variant || other.error) continue;
      const bool detected = race_detected(other);
      any_parameters = any_parameters.value_or(false) || detected;
      if (other.threads == cell.threads && other.iterations == cell.iterations) {
        same_parameters = same_parameters.value_or(false) || detected;
      }
    }
    return same_parameters ? same_parameters : any_parameters;
  };
  for (CellResult& cell : cells) {
    Grade grade = grade_cell(cell, control_detected(cell));
    cell.verdict = grade.verdict;
    cell.reasons = std::move(grade.reasons);
  }
}

}  // namespace lockstress
