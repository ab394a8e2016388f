#include "harness/analysis/stopping.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <sstream>

#include "harness/summary/format.hpp"

namespace lockstress {
namespace {

double width(const Rate& rate) { return rate.ci95.high - rate.ci95.low; }

std::string seconds_text(double seconds) {
  std::ostringstream out;
  out << seconds << " s";
  return out.str();
}

// The trials a plain failure rate is over: those whose workers ran at once (grading.cpp says
// why). A wrong count needs overlap, so the failures are among them.
std::int64_t plain_rate_trials(std::int64_t failed, const Overlap& overlap, std::int64_t trials) {
  return std::max(failed, overlap.concurrent_trials(trials));
}

}  // namespace

int look_index(std::int64_t trials) {
  int j = 0;
  for (std::int64_t look = kFirstLook; look < trials; look *= 2) ++j;
  return j;
}

bool is_look(std::int64_t trials) {
  return trials >= kFirstLook && trials % kFirstLook == 0 &&
         std::has_single_bit(static_cast<std::uint64_t>(trials / kFirstLook));
}

double interval_alpha(const StoppingRule& rule, std::int64_t trials) {
  if (!rule.ci_width) return kAlpha;
  return std::ldexp(kAlpha, -(look_index(trials) + 1));
}

std::optional<StopReason> should_stop(const StoppingRule& rule, const CellTally& tally,
                                      const Expect& expect, const DetectorInfo& detector) {
  const std::int64_t n = tally.trials();
  if (rule.stop_on_detect && expect.race && caught_trials(detector, expect, tally) > 0) {
    return StopReason::first_detection;
  }
  // A safe cell that failed a trial cannot pass any more; a report counts even where the grade
  // will not call it a finding (a lock TSan cannot see: its verdict is the diagnosis either way).
  if (rule.stop_on_detect && !expect.race &&
      (tally.failed_trials() > 0 || (detector.reads_reports && tally.report_trials() > 0))) {
    return StopReason::first_failure;
  }
  if (rule.ci_width && is_look(n)) {
    const double alpha = interval_alpha(rule, n);
    const std::int64_t failure_trials =
        detector.needs_overlap ? plain_rate_trials(tally.failed_trials(), tally.overlap(), n) : n;
    bool narrow = width(rate_at(tally.failed_trials(), failure_trials, alpha)) < *rule.ci_width;
    if (detector.reads_reports) {
      narrow = narrow && width(rate_at(tally.report_trials(), n, alpha)) < *rule.ci_width;
    }
    if (narrow) return StopReason::ci_width;
  }
  return std::nullopt;
}

Rate until_first_detection(std::int64_t trials, double alpha) {
  Rate r = rate_at(1, trials, alpha);
  if (trials <= 0) return r;
  const double k = static_cast<double>(trials);
  r.ci95.low = 1 - std::pow(1 - alpha / 2, 1 / k);
  r.ci95.high = trials == 1 ? 1 : 1 - std::pow(alpha / 2, 1 / (k - 1));
  r.one_sided = false;
  r.until_first = true;
  return r;
}

void set_intervals(Measurement& m, const DetectorInfo& detector, const Expect& expect) {
  const double alpha = m.interval_alpha;
  // A clean plain trial that tested nothing concurrent must not shrink a safe case's bound.
  const std::int64_t concurrent =
      detector.needs_overlap ? plain_rate_trials(m.failures.events, m.overlap, m.trials) : m.trials;
  m.failures = rate_at(m.failures.events, concurrent, alpha);
  m.report_trials = rate_at(m.report_trials.events, m.trials, alpha);
  if (m.stopped_by == StopReason::first_detection) {
    // The detection that stopped the cell is its first event of that kind, in its last trial: a
    // report where the case names one for this detector, a lost update otherwise (the model's
    // lost-update races name none, though the model can report deadlocks; caught_trials).
    Rate& detections = expected_report(detector, expect).empty() ? m.failures : m.report_trials;
    if (detections.events == 1) detections = until_first_detection(m.trials, alpha);
  }
  if (m.stopped_by == StopReason::first_failure) {
    // The cell stopped as soon as either rate had an event, so an event of each is in its last
    // trial.
    for (Rate* failures : {&m.failures, &m.report_trials}) {
      if (failures->events == 1) *failures = until_first_detection(m.trials, alpha);
    }
  }
}

std::string rule_text(const StoppingRule& rule) {
  std::string text;
  const auto add = [&](const std::string& part) { text += (text.empty() ? "" : "; ") + part; };
  if (rule.duration_seconds) {
    add("time budget " + seconds_text(*rule.duration_seconds) + " split across cells");
  }
  if (rule.ci_width) {
    add("stop a cell once its 95% intervals are narrower than " + format_percent(*rule.ci_width) +
        " (looks after 16, 32, 64, ... trials)");
  }
  if (rule.stop_on_detect) {
    add("stop a race cell at its first detection, a safe cell at its first failed trial");
  }
  return text.empty() ? "fixed: every cell runs the trials asked" : text;
}

std::string interval_note(const StoppingRule& rule) {
  std::string text;
  const auto add = [&](const std::string& part) { text += (text.empty() ? "" : " ") + part; };
  if (rule.ci_width) {
    add("Intervals hold at 95% jointly over every look: look j spends 5%/2^(j+1) of the error, so "
        "they are wider than fixed-n intervals; a fixed-n interval read when it first looks narrow "
        "would cover the rate less often than 95%.");
  }
  if (rule.stop_on_detect) {
    add("A cell stopped at its first detection or failure after K trials shows the exact "
        "interval for K trials until a first success (geometric); the rate 1/K alone overstates "
        "the rate.");
  }
  if (rule.duration_seconds) {
    add("Stopping on time does not look at outcomes, so fixed-n intervals stand (unless slow "
        "trials are also the failing ones).");
  }
  return text.empty() ? "Intervals are for the fixed number of trials run." : text;
}

}  // namespace lockstress
