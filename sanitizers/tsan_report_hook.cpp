// Counts every report the TSan runtime prints, so each trial record carries its own count.
// The runtime calls __tsan_on_report after printing a report (after deduplication and
// suppressions), while it holds its internal locks: count, and do nothing else here. The text of
// the report reaches the driver on stderr, where it is parsed and deduplicated.
//
// disable_sanitizer_instrumentation, not no_sanitize("thread"): the latter still emits
// __tsan_func_entry/__tsan_func_exit around the call below, and when that trace event fills a
// trace part, the runtime switches parts and waits for a slot lock the report path already holds.
// Seen here: a 2 x 1,000 TSan runner hung for good within 2,000 trials.

#include "harness/runtime/sanitizer_reports.hpp"

extern "C" __attribute__((disable_sanitizer_instrumentation)) void __tsan_on_report(
    void* /*report*/) {
  lockstress::count_sanitizer_report();
}
