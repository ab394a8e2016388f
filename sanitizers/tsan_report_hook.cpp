// Counts every report the TSan runtime prints, so each trial record carries its own count, and
// drops a trial's reports past protocol::kReportsPerTrial (counted as dropped). The runtime calls
// __tsan::OnReport once it built a report and matched it against the suppressions, and
// __tsan_on_report after printing it, both while it holds its report lock: count, decide, and do
// nothing else here. The text of each printed report reaches the driver on stderr, where it is
// parsed and deduplicated.
//
// disable_sanitizer_instrumentation, not no_sanitize("thread"): the latter still emits
// __tsan_func_entry/__tsan_func_exit around the calls below, and when that trace event fills a
// trace part, the runtime switches parts and waits for a slot lock the report path already holds.
// Seen here: a 2 x 1,000 TSan runner hung for good within 2,000 trials.

#include "harness/runtime/sanitizer_reports.hpp"

// The runtime's own hook for tools (a weak default in clang 14's tsan_rtl_report.cpp), returning
// whether to drop the report; its default drops exactly the suppressed ones. A runtime without it
// never calls this: nothing is dropped, and every report still counts.
namespace __tsan {
class ReportDesc;
__attribute__((disable_sanitizer_instrumentation)) bool OnReport(const ReportDesc* /*report*/,
                                                                 bool suppressed) {
  return suppressed || lockstress::drop_sanitizer_report();
}
}  // namespace __tsan

extern "C" __attribute__((disable_sanitizer_instrumentation)) void __tsan_on_report(
    void* /*report*/) {
  lockstress::count_sanitizer_report();
}
