#include "harness/summary/grade_words.hpp"

#include <cmath>
#include <cstdio>

#include "harness/summary/format.hpp"
#include "lockstress/case.hpp"

namespace lockstress {
namespace {

using namespace finding;

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::string trials_text(std::int64_t n) { return std::to_string(n); }

std::string bound_text(double bound) { return "rate <= " + format_percent(bound) + " at 95%"; }

std::string lost_text(std::int64_t trials, std::int64_t of, std::int64_t most) {
  return "lost updates in " + format_count(trials, of) + " (up to " + std::to_string(most) +
         " per trial)";
}

std::string torn_text(std::int64_t trials, std::int64_t of, std::int64_t total, std::int64_t most) {
  return "torn reads in " + format_count(trials, of) + " (" + std::to_string(total) +
         " in all, up to " + std::to_string(most) + " per trial): readers saw a writer half-way";
}

// What a race case's failed trials showed: lost updates, torn reads, or both.
std::string failed_text(const Measurement& m, std::int64_t trials, std::int64_t of,
                        std::int64_t most_lost) {
  if (m.torn_trials == 0) return lost_text(trials, of, most_lost);
  std::string text = torn_text(m.torn_trials, of, m.torn_reads, m.torn_reads_max);
  if (m.lost_trials > 0) text += "; " + lost_text(m.lost_trials, of, most_lost);
  return text;
}

// "lock() and unlock()", "try_lock_for()": the operations, as the probe named them.
std::string operation_names(const std::vector<const OperationSync*>& ops) {
  std::string out;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    // The same name twice (try_lock_case's two unlocks) reads once.
    bool repeated = false;
    for (std::size_t j = 0; j < i; ++j) repeated = repeated || ops[j]->name == ops[i]->name;
    if (repeated) continue;
    out += (out.empty() ? "" : i + 1 == ops.size() ? " and " : ", ") + ops[i]->name + "()";
  }
  return out;
}

// Where the lock's invisible operations went, in words.
std::string sync_cause_text(const SyncProbe& probe) {
  const std::vector<const OperationSync*> unseen = probe.unseen();
  std::string calls;
  for (const OperationSync* op : unseen) {
    for (const SyncCall& call : op->calls) {
      calls += (calls.empty() ? "" : "; ") + op->name + "() called " + call.function + " in " +
               call.object +
               (call.system ? ", which this TSan runtime does not intercept"
                            : ", a library compiled without -fsanitize=thread");
    }
  }
  if (!calls.empty()) return "the cause, as far as lockstress can tell: " + calls;
  return "the cause: inline assembly (as Concurrency Kit's ck_pr_* on x86-64), volatile or plain "
         "accesses, or code compiled without -fsanitize=thread inlined into the program, since " +
         operation_names(unseen) + " called no function outside it";
}

// A probability's lower bound, rounded down (format_percent rounds 99.96% up to 100%, which no
// number of schedules proves): 77.7%, 0.51%, 3.2e-07%.
std::string at_least_percent(double fraction) {
  const double p = fraction * 100;
  char buffer[32];
  if (p >= 10) {
    std::snprintf(buffer, sizeof buffer, "%.1f%%", std::floor(p * 10) / 10);
  } else if (p >= 0.1) {
    std::snprintf(buffer, sizeof buffer, "%.2f%%", std::floor(p * 100) / 100);
  } else if (p > 0) {
    const double scale = std::pow(10.0, std::floor(std::log10(p)) - 1);
    std::snprintf(buffer, sizeof buffer, "%.2g%%", std::floor(p / scale) * scale);
  } else {
    return "0%";
  }
  return buffer;
}

std::string schedules_text(std::int64_t n) {
  return std::to_string(n) + (n == 1 ? " schedule" : " schedules");
}

std::string control_text(const CellPlan& plan, const char* what) {
  return std::string("the race control ") + kControlCase + what + " in the " + plan.variant.name +
         " variant";
}

std::string fairness_text(const Fairness& f) {
  return std::to_string(f.trials) + (f.trials == 1 ? " trial" : " trials") +
         (f.unjudged_trials > 0
              ? " (" + std::to_string(f.unjudged_trials) + " more overlapped too briefly to judge)"
              : "");
}

}  // namespace

std::string fault_text(const TrialFault& fault) {
  std::string text = std::string(to_string(fault.kind)) + " in trial " +
                     std::to_string(fault.trial) + " (seed " + std::to_string(fault.seed) + ")";
  if (fault.kind == TrialFault::Kind::hung || fault.output.empty()) {
    return text + ": " + fault.cause;
  }
  // The last two lines: a sanitizer's SUMMARY line, or the case's own last words.
  std::string_view last = fault.output;
  std::size_t cut = last.rfind('\n');
  if (cut != std::string_view::npos && cut > 0) cut = last.rfind('\n', cut - 1);
  if (cut != std::string_view::npos) last.remove_prefix(cut + 1);
  std::string shown(last.substr(0, 400));
  for (char& c : shown) c = c == '\n' ? '|' : c;
  return text + ": " + fault.cause + "; last output: " + shown;
}

std::string reason(const CellResult& cell, const Finding& finding) {
  const CellPlan& plan = cell.plan;
  const Measurement& m = cell.measured;
  const DetectorInfo& detector = plan.variant.info();
  const std::string who(detector.who);
  const std::string& expected = expected_report(detector, plan.expect);
  const auto expected_report = [&] { return expected; };
  return std::visit(
      Overloaded{
          [&](const Fault& f) { return fault_text(m.faults.at(f.index)); },
          [&](const CouldNotRun& f) { return f.cause; },
          [&](const TrialsNotRun& f) {
            return std::to_string(f.count) + " of " + std::to_string(f.requested) +
                   " trials did not run";
          },
          [&](const LostUpdates& f) { return lost_text(f.trials, f.of, f.most); },
          [&](const TornReads& f) { return torn_text(f.trials, f.of, f.total, f.most); },
          [&](const SyncInvisible&) {
            return who +
                   " cannot see this lock's synchronisation: " + operation_names(m.sync->unseen()) +
                   " made no atomic operation, intercepted call or annotation it sees, so its "
                   "reports on what the lock guards are no finding, and its silence no proof; "
                   "inconclusive for " +
                   plan.variant.name +
                   " (lost updates and torn reads "
                   "still count)";
          },
          [&](const SyncCause&) { return sync_cause_text(*m.sync); },
          [&](const SyncRemedies&) {
            return std::string(
                "remedies: build the library from source with -fsanitize=thread (list its "
                "sources in lockstress_add_runner's SOURCES), or annotate the lock "
                "(__tsan_acquire(&lock) once taken, __tsan_release(&lock) before giving it "
                "back; or __tsan_mutex_pre_lock/post_lock/pre_unlock/post_unlock). Annotations "
                "tell TSan the lock is correct, and so hide the lock's own ordering bugs: an "
                "annotated MCS lock with a relaxed handoff passed every detector");
          },
          [&](const ReportedAnyway& f) {
            return who + " reported a " + expected_report() + " in " +
                   format_count(f.trials, f.of) +
                   ", as it would for a correct lock it cannot see: no evidence either way";
          },
          [&](const SyncUnordered& f) {
            const std::string side = f.acquire_missing && f.release_missing
                                         ? "neither taking nor giving back the lock"
                                     : f.acquire_missing ? "no operation taking the lock"
                                                         : "no operation giving it back";
            return who + " sees this lock's operations, but " + side +
                   " is ordered (acquire taking, release giving back): relaxed operations order "
                   "nothing, so its reports are a real missing happens-before edge";
          },
          [&](const SyncProbeIncomplete&) {
            std::string objects;
            for (const std::string& o : m.sync->instrumented_objects) {
              objects += (objects.empty() ? "" : ", ") + o;
            }
            return "sync probe: " + objects +
                   " is compiled with -fsanitize=thread, and its atomics are not counted, so "
                   "lockstress cannot tell whether " +
                   who + " sees this lock's synchronisation";
          },
          [&](const Reported& f) {
            const UniqueReport& r = m.unique_reports.at(f.index);
            return who + " reported a " + signature(r.kind, r.locations) + " in " +
                   where_seen(r, m.trials);
          },
          [&](const ReportsWithoutText& f) {
            return "the sanitizer counted " + std::to_string(f.counted) +
                   " reports whose text never arrived";
          },
          [&](const NoneSeen& f) {
            if (f.symptom == Symptom::sanitizer_report) {
              return "no trial of " + trials_text(f.trials) + " drew a sanitizer report (" +
                     bound_text(f.bound) + ")";
            }
            return "no trial of " + trials_text(f.trials) + " lost an update (" +
                   bound_text(f.bound) +
                   (f.concurrent == f.trials ? ""
                                             : "; over the " + std::to_string(f.concurrent) +
                                                   " in which workers ran at once: the other " +
                                                   std::to_string(f.trials - f.concurrent) +
                                                   " tested nothing concurrent") +
                   ")";
          },
          [&](const ControlUndetected& f) {
            return control_text(plan, f.ran ? " was not detected" : " did not run") +
                   ", so a clean result here proves nothing";
          },
          [&](const Caught& f) {
            const std::string caught = !expected.empty()
                                           ? who + " reported a " + expected_report() + " in " +
                                                 format_count(f.trials, f.of)
                                           : failed_text(m, f.trials, f.of, f.most_lost);
            return f.required ? "caught: " + caught
                              : caught + " (not required of " + plan.variant.name + ")";
          },
          [&](const BlindSpot&) {
            return who + (!expected.empty() ? " did not report " : " lost no update in ") +
                   plan.case_name + " — expected" +
                   (plan.expect.blind_spot.empty() ? "" : ": " + plan.expect.blind_spot);
          },
          [&](const Missed& f) {
            return "expected to be caught by " + plan.variant.name + ", but no trial of " +
                   trials_text(f.trials) +
                   (!expected.empty() ? " drew a " + expected_report() + " report"
                                      : " lost an update (" + bound_text(f.bound) + ")");
          },
          [&](const ControlNotShown&) {
            return std::string(
                "this machine, build and parameters did not show the control's race; raise "
                "--iterations or --threads, or check that the build is not single-threaded");
          },
          [&](const ControlMissedToo&) {
            return control_text(plan, " was not detected") + " either";
          },
          [&](const NeverOverlapped& f) {
            return "harness fault: in none of " + trials_text(f.trials) +
                   " trials were two workers inside the workload at once (each began after the "
                   "other had finished), so nothing concurrent was tested; another load on these "
                   "CPUs, or trials too short for the start line, can do this: rerun on a quieter "
                   "machine or raise --iterations";
          },
          [&](const PctBound& f) {
            return "no failure in " + schedules_text(f.schedules) +
                   "; under PCT a bug of depth <= " + std::to_string(f.depth) +
                   " would have been found with probability >= " + at_least_percent(f.probability) +
                   " (1-(1-1/(n k^(d-1)))^N, n " + std::to_string(f.threads) + " threads, k " +
                   std::to_string(f.steps) + " steps as measured, d " + std::to_string(f.depth) +
                   ")";
          },
          [&](const NoPctBound& f) {
            if (f.cause == NoPctBound::Cause::not_pct) {
              return "no failure in " + schedules_text(m.trials) + ", drawn by the " +
                     m.model->strategy +
                     " strategy, which bounds no probability of finding a bug of any depth (PCT "
                     "does)";
            }
            return "no failure in " + schedules_text(m.trials) +
                   ", but no PCT bound over them: " + m.model->disagreement;
          },
          [&](const CutShort& f) {
            return "only " + std::to_string(f.ran) + " of " + std::to_string(f.requested) +
                   " trials ran";
          },
          [&](const Unpinned& f) {
            return "the OS refused to pin " + std::to_string(f.unpinned) + " of " +
                   std::to_string(f.workers) + " workers; they ran wherever the scheduler put them";
          },
          [&](const FairnessJudged&) {
            const Fairness& f = *m.fairness;
            std::string worst;
            for (std::int64_t a : f.worst_acquisitions) {
              worst += (worst.empty() ? "" : "/") + std::to_string(a);
            }
            return "fairness: acquisitions while all threads ran, max/min median " +
                   format_ratio(f.median_ratio) + ", worst " + format_ratio(f.worst_ratio) +
                   " (trial " + std::to_string(f.worst_trial) + ": " + worst + "), over " +
                   fairness_text(f);
          },
          [&](const FairnessNotJudged&) {
            return "fairness: not judged, the threads never ran together long enough in " +
                   fairness_text(*m.fairness);
          },
          [&](const Starving&) {
            return "STARVING: in " + format_count(m.fairness->starved_trials, m.fairness->trials) +
                   " a thread got no acquisition at all while the others ran";
          },
          [&](const Unfair&) {
            return "UNFAIR: in " + format_count(m.fairness->unfair_trials, m.fairness->trials) +
                   " the busiest thread got more than twice what the least busy got";
          },
          [&](const SharedCpus& f) {
            return "fairness: " + std::to_string(f.threads) + " threads shared " +
                   std::to_string(f.cpus) + (f.cpus == 1 ? " CPU" : " CPUs") +
                   ", so a thread waiting for its CPU counts as starved by the lock too";
          },
          [&](const PartialOverlap&) {
            return "overlap: workers ran at once in " +
                   format_count(m.overlap.trials_with_overlap, m.overlap.measured_trials) +
                   " (for " + format_ns(m.overlap.mean_overlap_ns()) +
                   " on average, the longest two ran together); in the others no two workers "
                   "were inside the workload at the same time";
          },
          [&](const ReportCountMismatch& f) {
            return "the sanitizer counted " + std::to_string(f.counted) + " reports and " +
                   std::to_string(f.read) + " were read from its output";
          },
          [&](const Suppressed& f) {
            std::string matched;
            for (const SuppressionMatch& s : m.suppressed) {
              matched += (matched.empty() ? "" : ", ") + std::to_string(s.reports) + " " + s.type +
                         ":" + s.pattern;
            }
            return "suppressions matched " + std::to_string(f.reports) +
                   (f.reports == 1 ? " report" : " reports") + " (" + matched + ")" +
                   (f.clean ? "; no report was printed, so this result rests on the suppressions"
                            : "");
          },
          [&](const ReportsDropped& f) {
            return "report cap: " + format_count(f.trials, m.trials) + " reached " +
                   std::to_string(f.cap) + " reports, and the " + std::to_string(f.dropped) +
                   " reports past it were counted and dropped unprinted (the unique reports "
                   "are those printed)";
          },
      },
      finding);
}

std::vector<std::string> reasons(const CellResult& cell) {
  std::vector<std::string> out;
  for (const Finding& finding : cell.grade.findings) out.push_back(reason(cell, finding));
  return out;
}

}  // namespace lockstress
