#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lockstress/defaults.hpp"
#include "lockstress/detector.hpp"
#include "lockstress/expect.hpp"

namespace lockstress {

// What one kind of detector sees, what it cannot see, and how its runner is started: everything
// the driver, the grading and the reporters need to know about a kind, so that none of them
// switches on it. A variant (harness/protocol/variant.hpp) is a build of one of these kinds.
struct DetectorInfo {
  Detector kind;
  // Its name in --variant lists, the JSON (`caught_by`, a cell's `detector`) and the matrix.
  std::string_view name;
  // Who reports, in words: "the plain build", "TSan".
  std::string_view who;
  // What a trial of it shows, for the detector matrix's header.
  std::string_view sees;
  // What it cannot see, whatever the case (a case's Expect::blind_spot says why it misses that
  // case's race).
  std::string_view blind_spots;
  // How a trial catches a race: a report of the kind the case names in this Expect member, or,
  // when null or the case names none (empty), a lost update. See expected_report().
  std::string Expect::*expected_report;
  // Its runner prints sanitizer reports, which the driver parses, counts and deduplicates.
  bool reads_reports;
  // A trial tests what it sees only if every worker ran at once (the runner measures the
  // overlap): its failure rate and a safe case's bound count only such trials, and a cell with
  // none is a harness fault. The plain build's only witness is a wrong count, which needs the
  // workers to run at once; TSan's happens-before analysis sees an unordered pair of accesses
  // whether or not they overlapped in time (its runner reports the control's race in trials
  // whose workers did not overlap), so its verdicts stay over all trials.
  bool needs_overlap;
  // Its runner gets TSAN_OPTIONS, with the --suppressions file.
  bool takes_tsan_options;
  // The status its runtime exits with once it printed a report (0: none): never read as a race.
  int report_exit_status;
  // Worker w starts w x this many nanoseconds after the release, in every trial. Under TSan,
  // two workers making their first access to the counter at the same moment each store their own
  // shadow before seeing the other's, and TSan's same-access fast path then skips every later
  // check of that trial: the race goes unreported (measured: 12% of 2 x 1,000 trials). A stagger
  // far shorter than an instrumented trial orders the first accesses; the rest still overlaps.
  std::int64_t start_stagger_ns;
  // It sees only the synchronisation it instruments or intercepts, so its runner runs the sync
  // probe (harness/runtime/sync_probe.hpp): a lock whose operations it sees none of cannot be
  // judged by it, and a report on what that lock guards is no finding (see grading).
  bool probes_sync = false;
  // Its runner's workers are real threads running at once: --pin, --start and --perturb apply.
  // False when one thread runs at a time under a scheduler of the detector's own, which picks
  // every switch itself: its cells plan Pin::none and its runner gets neither a start line nor a
  // perturbation, whatever the command line says.
  bool real_threads = true;
  // A case's parameters when the command line sets none: lockstress's for this kind (every field
  // set; the threads within the case's limit), replaced by the case's own (Case::defaults where
  // takes_case_defaults, then its DetectorDefaults for this kind). A stress test's: enough for the
  // unlocked counter to lose updates in most trials on 2 CPUs, while 0 failures still bounds a
  // safe case's rate below 1.5%.
  Defaults defaults = {5, 100'000, 200};
  // A case's Defaults, sized for a stress test of real threads, apply to it, and so do the command
  // line's --threads, --iterations and --trials; else those only when --variant names a variant of
  // this kind (harness/driver/plan.cpp).
  bool takes_case_defaults = true;
};

// Every kind, in Detector order: one entry each. A new kind is an enumerator in
// lockstress/detector.hpp, an entry here, and a variant built from it (LockstressVariants.cmake).
inline constexpr DetectorInfo kDetectors[] = {
    {Detector::plain, "plain", "the plain build", "trials that lost updates",
     "sees only what this hardware and compiler did: a race whose window never opened here, or "
     "whose effect this CPU's memory order hides (x86 orders what a weaker CPU would not), is "
     "invisible",
     nullptr, false, true, false, 0, 0, false},
    {Detector::tsan, "tsan", "TSan", "trials with the expected report",
     "sees only the synchronisation it instruments: a race between atomic operations (a lost "
     "update without a data race), a memory-order bug its sequentially consistent execution "
     "never shows, or a lock whose synchronisation it cannot see, is invisible or misread",
     &Expect::tsan_report, true, false, true, 66, 500, true},
    // A model trial catches a race by its effect, a lost update (split_rmw_relaxed and
    // peterson_acq_rel lose updates without a data race to report), or by the report a case names
    // (Expect::model_report: "deadlock"). Its own reports (data races, deadlocks) are printed in
    // TSan's text, and fail a safe case like TSan's. One thread runs at a time, so overlap means
    // nothing to it.
    {Detector::model, "model", "the model", "schedules that lost updates or drew a report",
     "sees what the C++ memory model permits in the schedules it tried, not what a CPU did: no "
     "load buffering or 2+2W (stores join their history in execution order), no spurious "
     "compare-exchange failure or wake-up, and nothing of uninstrumented code (libstdc++.so, "
     "glibc, inline assembly); a bug deeper than its schedules reach is invisible",
     &Expect::model_report, true, false, false, 0, 0, false, false,
     // Tiny instances: a schedule's steps grow with the iterations, and the built-in races show
     // within a few schedules at 2 x 3 (bench/README.md, "The model variant").
     {2, 3, 300}, false},
};

static_assert(
    [] {
      for (std::size_t i = 0; i < std::size(kDetectors); ++i) {
        if (static_cast<std::size_t>(kDetectors[i].kind) != i) return false;
      }
      return true;
    }(),
    "kDetectors lists every kind once, in Detector order");

constexpr const DetectorInfo& detector_info(Detector kind) {
  return kDetectors[static_cast<int>(kind)];
}

inline std::optional<Detector> parse_detector(std::string_view name) {
  for (const DetectorInfo& info : kDetectors) {
    if (info.name == name) return info.kind;
  }
  return std::nullopt;
}

// The kind of report a detector of this kind must draw to catch the race `expect` declares;
// empty: it catches it by lost updates (or torn reads).
inline const std::string& expected_report(const DetectorInfo& detector, const Expect& expect) {
  static const std::string none;
  return detector.expected_report ? expect.*detector.expected_report : none;
}

// The trials in which a detector of this kind caught the race `expect` declares: for a kind that
// expects a report, the trials with a report of that kind; otherwise the trials that lost
// updates. `counts` is a cell's tally or its result: failed_trials(), trials_with_kind(kind).
template <class Counts>
std::int64_t caught_trials(const DetectorInfo& detector, const Expect& expect,
                           const Counts& counts) {
  const std::string& report = expected_report(detector, expect);
  return report.empty() ? counts.failed_trials() : counts.trials_with_kind(report);
}

// "plain+tsan": a list of kinds, as `lockstress list` and the matrix show it.
inline std::string detector_names(const std::vector<Detector>& kinds) {
  std::string out;
  for (Detector kind : kinds)
    out += (out.empty() ? "" : "+") + std::string(detector_info(kind).name);
  return out;
}

}  // namespace lockstress
