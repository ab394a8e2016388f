#include "harness/analysis/grading.hpp"

#include <algorithm>

#include "harness/analysis/stopping.hpp"
#include "harness/protocol/protocol.hpp"
#include "harness/stats/pct_bound.hpp"
#include "lockstress/case.hpp"

namespace lockstress {
namespace {

using namespace finding;

// For a detector that needs the workers to run at once (DetectorInfo::needs_overlap says which,
// and why): a clean trial whose workers never did is not counted toward a safe case's bound, and
// a race missed in every such trial was never given the chance to show.
bool overlap_counts(const CellPlan& plan, const Measurement& m) {
  return plan.variant.info().needs_overlap && m.overlap.measured();
}

// Of the cell's trials, those its grade may count as tests of concurrency.
std::int64_t counted_trials(const CellPlan& plan, const Measurement& m) {
  return overlap_counts(plan, m) ? m.overlap.concurrent_trials(m.trials) : m.trials;
}

// Measured, and not one trial ran two workers at once: nothing concurrent was tested. The
// harness's doing (or the machine's load), never the code's or the platform's memory model.
bool never_overlapped(const CellPlan& plan, const Measurement& m) {
  return overlap_counts(plan, m) && m.trials > 0 && m.overlap.trials_with_overlap == 0;
}

// What a safe case must never show; empty when it showed none of it. Lost updates and torn reads
// are the trials' own evidence, whatever the detector could see.
std::vector<Finding> failed_trials(const Measurement& m) {
  std::vector<Finding> problems;
  if (m.lost_trials > 0 || (m.failures.events > 0 && m.torn_trials == 0)) {
    problems.push_back(LostUpdates{m.torn_trials == 0 ? m.failures.events : m.lost_trials, m.trials,
                                   m.lost_updates.max});
  }
  if (m.torn_trials > 0) {
    problems.push_back(TornReads{m.torn_trials, m.trials, m.torn_reads, m.torn_reads_max});
  }
  return problems;
}

std::vector<Finding> safe_problems(const Measurement& m) {
  std::vector<Finding> problems = failed_trials(m);
  for (std::size_t i = 0; i < m.unique_reports.size(); ++i) problems.push_back(Reported{i});
  if (m.unique_reports.empty() && m.runtime_reports > 0) {
    problems.push_back(ReportsWithoutText{m.runtime_reports});
  }
  return problems;
}

// What a clean model cell's schedules promise: PCT's bound over all of them, when every one was
// drawn by PCT with the same n, k and d.
Finding pct_bound(const ModelSchedules& model, std::int64_t schedules) {
  if (!model.pct()) return NoPctBound{NoPctBound::Cause::not_pct};
  if (!model.disagreement.empty()) return NoPctBound{NoPctBound::Cause::schedules_differ};
  return PctBound{schedules, model.threads, model.steps, model.depth,
                  pct_detection_bound(schedules, model.threads, model.steps, model.depth)};
}

Grade grade_safe(const CellPlan& plan, const Measurement& m, std::optional<bool> control) {
  Grade grade{Verdict::fail, safe_problems(m)};
  if (!grade.findings.empty()) return grade;
  if (never_overlapped(plan, m)) return Grade{Verdict::error, {NeverOverlapped{m.trials}}};
  // The plain rate is over the trials that tested concurrency (see overlap_counts and
  // set_intervals).
  grade.findings.push_back(
      NoneSeen{Symptom::lost_update, m.trials, counted_trials(plan, m), m.failures.ci95.high});
  if (plan.variant.info().reads_reports) {
    grade.findings.push_back(
        NoneSeen{Symptom::sanitizer_report, m.trials, m.trials, m.report_trials.ci95.high});
  }
  if (m.model) grade.findings.push_back(pct_bound(*m.model, m.trials));
  if (control.value_or(false)) {
    grade.verdict = Verdict::pass;
    return grade;
  }
  grade.verdict = Verdict::inconclusive;
  grade.findings.push_back(ControlUndetected{control.has_value()});
  return grade;
}

Grade grade_race(const CellPlan& plan, const Measurement& m, std::optional<bool> control) {
  const DetectorInfo& detector = plan.variant.info();
  const std::int64_t caught = caught_trials(detector, plan.expect, m);
  const bool required = plan.expect.must_be_caught_by(detector.kind);
  if (caught > 0) {
    return Grade{Verdict::pass, {Caught{required, caught, m.trials, m.lost_updates.max}}};
  }
  // Said plainly, because it is the point: this detector cannot see this bug.
  if (!required) return Grade{Verdict::pass, {BlindSpot{}}};
  const std::int64_t counted = counted_trials(plan, m);
  Grade grade{Verdict::fail, {Missed{m.trials, rate_at(0, counted, m.interval_alpha).ci95.high}}};
  if (never_overlapped(plan, m)) {
    // Not the platform's doing, nor the code's: the race was never given a chance to show.
    grade.verdict = Verdict::error;
    grade.findings.push_back(NeverOverlapped{m.trials});
  } else if (plan.case_name == kControlCase) {
    // The control measures the platform, not the code: missing it makes the run uninformative.
    grade.verdict = Verdict::inconclusive;
    grade.findings.push_back(ControlNotShown{});
  } else if (!control.value_or(false)) {
    grade.verdict = Verdict::inconclusive;
    grade.findings.push_back(ControlMissedToo{});
  }
  return grade;
}

// The detector saw nothing of some of the lock's operations (DetectorInfo::probes_sync): it can
// judge neither a report on what the lock guards nor its absence. Lost updates and torn reads are
// still the trials' own, and fail a safe case; everything else is inconclusive for this detector,
// with the cause and the remedies. A race case it is not required to catch stays as it was.
Grade grade_invisible(const CellPlan& plan, const Measurement& m, std::optional<bool> control) {
  const DetectorInfo& detector = plan.variant.info();
  const std::vector<Finding> diagnosis{SyncInvisible{}, SyncCause{}, SyncRemedies{}};
  Grade grade;
  if (plan.expect.race && !plan.expect.must_be_caught_by(detector.kind)) {
    grade = grade_race(plan, m, control);
  } else if (std::vector<Finding> failed = failed_trials(m); !plan.expect.race && !failed.empty()) {
    grade = Grade{Verdict::fail, std::move(failed)};
  } else {
    grade.verdict = Verdict::inconclusive;
    const std::int64_t caught = caught_trials(detector, plan.expect, m);
    if (plan.expect.race && caught > 0) grade.findings.push_back(ReportedAnyway{caught, m.trials});
    if (plan.expect.race && caught == 0) {
      grade.findings.push_back(
          Missed{m.trials, rate_at(0, counted_trials(plan, m), m.interval_alpha).ci95.high});
    }
    if (!plan.expect.race) {
      for (std::size_t i = 0; i < m.unique_reports.size(); ++i)
        grade.findings.push_back(Reported{i});
    }
  }
  grade.findings.insert(grade.findings.begin(), diagnosis.begin(), diagnosis.end());
  if (!plan.expect.race && grade.verdict == Verdict::fail) {
    for (std::size_t i = 0; i < m.unique_reports.size(); ++i) grade.findings.push_back(Reported{i});
  }
  return grade;
}

// A lock operation that takes the lock (lock, try_lock, lock_shared, ...) or gives it back
// (unlock, unlock_shared): what order it must have to order critical sections.
bool releases(const OperationSync& op) { return op.name.rfind("unlock", 0) == 0; }

// The sync probe's other findings, for a detector that reported on what the lock guards: the
// lock's operations were seen, but on a side none ordered; or the probe could not tell.
void add_sync_notes(const Measurement& m, std::vector<Finding>& findings) {
  if (!m.sync || m.unique_reports.empty()) return;
  if (!m.sync->complete()) {
    findings.push_back(SyncProbeIncomplete{});
    return;
  }
  SyncUnordered unordered;
  for (const OperationSync& op : m.sync->operations) {
    if (op.seen == 0) return;  // invisible: grade_invisible said so
    if (releases(op) && op.release == 0) unordered.release_missing = true;
    if (!releases(op) && op.acquire == 0) unordered.acquire_missing = true;
  }
  if (unordered.acquire_missing || unordered.release_missing) findings.push_back(unordered);
}

// Fairness never changes a verdict (an unfair lock is still a correct one); it is reported.
void add_fairness_notes(const Measurement& m, std::vector<Finding>& findings) {
  const Fairness& f = *m.fairness;
  if (f.trials == 0) {
    findings.push_back(FairnessNotJudged{});
    return;
  }
  findings.push_back(FairnessJudged{});
  if (f.starving()) {
    findings.push_back(Starving{});
  } else if (f.unfair()) {
    findings.push_back(Unfair{});
  }
  std::vector<int> cpus;
  for (int cpu : m.worker_cpus) {
    if (cpu >= 0 && std::find(cpus.begin(), cpus.end(), cpu) == cpus.end()) cpus.push_back(cpu);
  }
  if (!cpus.empty() && cpus.size() < m.worker_cpus.size()) {
    findings.push_back(SharedCpus{static_cast<std::int64_t>(m.worker_cpus.size()),
                                  static_cast<std::int64_t>(cpus.size())});
  }
}

// What a grade says besides its verdict: trials cut short, pinning, fairness, overlap, counts.
void add_notes(const CellPlan& plan, const Measurement& m, std::vector<Finding>& findings) {
  if (m.trials < plan.trials) findings.push_back(CutShort{m.trials, plan.trials});
  const auto unpinned = std::count(m.worker_cpus.begin(), m.worker_cpus.end(), -1);
  if (plan.pin != Pin::none && unpinned > 0) {
    findings.push_back(Unpinned{unpinned, static_cast<std::int64_t>(m.worker_cpus.size())});
  }
  if (m.fairness) add_fairness_notes(m, findings);
  if (overlap_counts(plan, m) && m.overlap.trials_without_overlap() > 0 &&
      !never_overlapped(plan, m)) {
    findings.push_back(PartialOverlap{});
  }
  if (m.runtime_reports != m.parsed_reports) {
    findings.push_back(ReportCountMismatch{m.runtime_reports, m.parsed_reports});
  }
  if (const std::int64_t suppressed = suppressed_reports(m.suppressed); suppressed > 0) {
    findings.push_back(Suppressed{suppressed, m.runtime_reports == 0 && m.unique_reports.empty()});
  }
  if (m.dropped_reports > 0) {
    findings.push_back(
        ReportsDropped{m.dropped_reports, m.capped_trials, protocol::kReportsPerTrial});
  }
}

}  // namespace

bool race_detected(const CellPlan& plan, const Measurement& measured) {
  return caught_trials(plan.variant.info(), plan.expect, measured) > 0;
}

Grade grade_cell(const CellPlan& plan, const Measurement& m, std::optional<bool> control_detected) {
  // A hung or crashed trial is the code under test misbehaving: a failure, whatever else happened.
  if (!m.faults.empty()) {
    Grade grade{Verdict::fail, {}};
    for (std::size_t i = 0; i < m.faults.size(); ++i) grade.findings.push_back(Fault{i});
    if (m.error) grade.findings.push_back(CouldNotRun{*m.error});
    const std::int64_t ran = m.trials + static_cast<std::int64_t>(m.faults.size());
    if (ran < plan.trials) grade.findings.push_back(TrialsNotRun{plan.trials - ran, plan.trials});
    return grade;
  }
  if (m.error) return Grade{Verdict::error, {CouldNotRun{*m.error}}};
  const bool invisible = plan.variant.info().probes_sync && m.sync && !m.sync->unseen().empty();
  Grade grade = invisible          ? grade_invisible(plan, m, control_detected)
                : plan.expect.race ? grade_race(plan, m, control_detected)
                                   : grade_safe(plan, m, control_detected);
  if (!invisible) add_sync_notes(m, grade.findings);
  add_notes(plan, m, grade.findings);
  return grade;
}

void grade_all(std::vector<CellResult>& cells) {
  // The gate prefers the control cell run with the same parameters; a case with its own thread
  // limit (Peterson: 2) falls back to any control cell of the same variant.
  auto control_detected = [&](const CellPlan& plan) -> std::optional<bool> {
    std::optional<bool> same_parameters;
    std::optional<bool> any_parameters;
    for (const CellResult& other : cells) {
      if (other.plan.case_name != kControlCase || other.plan.variant != plan.variant ||
          other.measured.error) {
        continue;
      }
      const bool detected = race_detected(other.plan, other.measured);
      any_parameters = any_parameters.value_or(false) || detected;
      if (other.plan.threads == plan.threads && other.plan.iterations == plan.iterations) {
        same_parameters = same_parameters.value_or(false) || detected;
      }
    }
    return same_parameters ? same_parameters : any_parameters;
  };
  for (CellResult& cell : cells) {
    cell.grade = grade_cell(cell.plan, cell.measured, control_detected(cell.plan));
  }
}

}  // namespace lockstress
