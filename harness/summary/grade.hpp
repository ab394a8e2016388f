#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace lockstress {

enum class Verdict { pass, fail, inconclusive, error };

std::string_view to_string(Verdict verdict);

// What a grade found, one typed entry per fact, in the order its reasons read (jcstress's
// GradingResult: the verdict with the facts that decide it). Grading (harness/analysis/grading.cpp)
// makes them; reporters put them in words (harness/summary/grade_words.hpp) and never decide a
// verdict again. Counts are of the cell's trials; "bound" is the upper end of the 95% interval,
// what seeing nothing in those trials proves.
namespace finding {

enum class Symptom { lost_update, sanitizer_report };

// A trial the case never finished: Measurement::faults[index].
struct Fault {
  std::size_t index = 0;
};
// The cell could not run to completion, for a reason not the case's own (Measurement::error).
struct CouldNotRun {
  std::string cause;
};
// Trials never run because the cell stopped at its faults (--max-faults).
struct TrialsNotRun {
  std::int64_t count = 0;
  std::int64_t requested = 0;
};
// A safe case lost updates: in `trials` of `of`, at most `most` in one.
struct LostUpdates {
  std::int64_t trials = 0;
  std::int64_t of = 0;
  std::int64_t most = 0;
};
// A safe case's readers saw torn pairs (a reader-writer workload): in `trials` of `of`, `total`
// torn reads in all, at most `most` in one trial.
struct TornReads {
  std::int64_t trials = 0;
  std::int64_t of = 0;
  std::int64_t total = 0;
  std::int64_t most = 0;
};
// A safe case drew a sanitizer report: Measurement::unique_reports[index].
struct Reported {
  std::size_t index = 0;
};
// The runtime counted reports whose text never reached the driver.
struct ReportsWithoutText {
  std::int64_t counted = 0;
};
// A safe case showed nothing of `symptom` in `trials` trials; `concurrent` of them tested
// concurrency (DetectorInfo::needs_overlap), and the rate is at most `bound`.
struct NoneSeen {
  Symptom symptom = Symptom::lost_update;
  std::int64_t trials = 0;
  std::int64_t concurrent = 0;
  double bound = 1;
};
// The positive control was not detected in this variant (or did not run): a clean result proves
// nothing.
struct ControlUndetected {
  bool ran = true;
};
// The detector caught the case's race in `trials` of `of` (at most `most_lost` updates lost in
// one); `required`: its kind is one the case says must catch it.
struct Caught {
  bool required = true;
  std::int64_t trials = 0;
  std::int64_t of = 0;
  std::int64_t most_lost = 0;
};
// A detector the case does not require missed its race, as the case said it may
// (Expect::blind_spot says why).
struct BlindSpot {};
// A detector the case requires missed its race in all `trials`; the rate is at most `bound`.
struct Missed {
  std::int64_t trials = 0;
  double bound = 1;
};
// The control itself missed: the machine, build and parameters did not show its race.
struct ControlNotShown {};
// A required detector missed, and the control was missed in its variant too.
struct ControlMissedToo {};
// No trial ran two workers at once: nothing concurrent was tested (a harness fault).
struct NeverOverlapped {
  std::int64_t trials = 0;
};
// Fewer trials ran than were asked for (a stopping rule, a time budget, an interrupt).
struct CutShort {
  std::int64_t ran = 0;
  std::int64_t requested = 0;
};
// The OS refused to pin `unpinned` of `workers` workers.
struct Unpinned {
  std::int64_t unpinned = 0;
  std::int64_t workers = 0;
};
// Fairness (Measurement::fairness): judged, or not judged (no window long enough), and flagged.
struct FairnessJudged {};
struct FairnessNotJudged {};
struct Starving {};
struct Unfair {};
// `threads` workers shared `cpus` CPUs, so fairness measures the scheduler too.
struct SharedCpus {
  std::int64_t threads = 0;
  std::int64_t cpus = 0;
};
// Some trials ran no two workers at once (Measurement::overlap says how many).
struct PartialOverlap {};
// The detector saw none of the synchronisation of some of the lock's operations
// (Measurement::sync: SyncProbe::unseen), so its reports on what the lock guards are no finding,
// and its silence no proof: the cell is inconclusive for it, unless the trials themselves failed.
struct SyncInvisible {};
// Why, as far as the probe can tell: the uninstrumented functions those operations called, or,
// with none, inline assembly or code compiled without the sanitizer.
struct SyncCause {};
// What the user can do about it, and what annotating would cost.
struct SyncRemedies {};
// An invisible lock's race case drew the expected report in `trials` of `of`: as it would for a
// correct lock, so it proves nothing either way.
struct ReportedAnyway {
  std::int64_t trials = 0;
  std::int64_t of = 0;
};
// The detector saw the lock's operations, but on one side none ordered as that side must (no
// acquire taking it, or no release giving it back): relaxed operations order nothing, and the
// reports follow from that, not from blindness.
struct SyncUnordered {
  bool acquire_missing = false;
  bool release_missing = false;
};
// The probe's counts are lower bounds: instrumented shared objects were loaded, whose atomics it
// does not count (SyncProbe::instrumented_objects), so it could not tell blindness.
struct SyncProbeIncomplete {};
// `trials` trials reached the per-trial report cap (`cap`), and the `dropped` reports past it
// were counted, never printed: the unique reports are those of the reports printed.
struct ReportsDropped {
  std::int64_t dropped = 0;
  std::int64_t trials = 0;
  std::int64_t cap = 0;
};
// Suppressions matched `reports` reports in the cell (Measurement::suppressed); `clean`: it
// printed no report, so its clean result (or, in a race case, its miss) rests on them.
struct Suppressed {
  std::int64_t reports = 0;
  bool clean = false;
};
// A clean model cell's PCT bound (harness/stats/pct_bound.hpp): no failure in `schedules`
// schedules of `threads` threads and `steps` steps, so a bug of depth <= `depth` would have been
// found with probability >= `probability`.
struct PctBound {
  std::int64_t schedules = 0;
  std::int64_t threads = 0;
  std::int64_t steps = 0;
  int depth = 0;
  double probability = 0;
};
// A clean model cell whose schedules promise no such probability: drawn by a random walk, or by
// runners or merged runs whose n, k or d differ (ModelSchedules::disagreement says which).
struct NoPctBound {
  enum class Cause { not_pct, schedules_differ };
  Cause cause = Cause::not_pct;
};
// The runtime's count of reports and the driver's differ.
struct ReportCountMismatch {
  std::int64_t counted = 0;
  std::int64_t read = 0;
};

}  // namespace finding

using Finding =
    std::variant<finding::Fault, finding::CouldNotRun, finding::TrialsNotRun, finding::LostUpdates,
                 finding::Reported, finding::ReportsWithoutText, finding::NoneSeen,
                 finding::ControlUndetected, finding::Caught, finding::BlindSpot, finding::Missed,
                 finding::ControlNotShown, finding::ControlMissedToo, finding::NeverOverlapped,
                 finding::CutShort, finding::Unpinned, finding::FairnessJudged,
                 finding::FairnessNotJudged, finding::Starving, finding::Unfair,
                 finding::SharedCpus, finding::PartialOverlap, finding::ReportCountMismatch,
                 finding::TornReads, finding::SyncInvisible, finding::SyncCause,
                 finding::SyncRemedies, finding::ReportedAnyway, finding::SyncUnordered,
                 finding::SyncProbeIncomplete, finding::ReportsDropped, finding::Suppressed,
                 finding::PctBound, finding::NoPctBound>;

// A cell's grade: the verdict and the facts behind it.
struct Grade {
  Verdict verdict = Verdict::inconclusive;
  std::vector<Finding> findings;

  // The first finding of type F, or nullptr.
  template <class F>
  const F* find() const {
    for (const Finding& f : findings) {
      if (const F* found = std::get_if<F>(&f)) return found;
    }
    return nullptr;
  }
};

}  // namespace lockstress
