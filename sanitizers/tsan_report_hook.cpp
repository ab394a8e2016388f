// Counts every report the TSan runtime prints, so each trial record carries its own count.
// The runtime calls __tsan_on_report after printing a report (after deduplication and
// suppressions), while it holds its internal locks: count, and do nothing else here. The text of
// the report reaches the driver on stderr, where it is parsed and deduplicated.

#include "harness/runtime/sanitizer_reports.hpp"

extern "C" __attribute__((no_sanitize("thread"))) void __tsan_on_report(void* /*report*/) {
  lockstress::count_sanitizer_report();
}
