#include "harness/runtime/sanitizer_reports.hpp"

#include "harness/protocol/protocol.hpp"

namespace lockstress {
namespace {

// Not atomic on purpose: TSan instruments atomics even inside no_sanitize functions, and calling
// back into the runtime from its own report path can deadlock. The report lock serialises the
// writers; the worker pool's finish line orders them before the reader.
SanitizerReportCounts since_last_take;

}  // namespace

// No instrumentation at all, not even function entry/exit: see sanitizers/tsan_report_hook.cpp.
__attribute__((disable_sanitizer_instrumentation)) bool drop_sanitizer_report() {
  if (since_last_take.printed < protocol::kReportsPerTrial) return false;
  ++since_last_take.dropped;
  return true;
}

__attribute__((disable_sanitizer_instrumentation)) void count_sanitizer_report() {
  ++since_last_take.printed;
}

__attribute__((no_sanitize("thread"))) SanitizerReportCounts take_sanitizer_report_counts() {
  const SanitizerReportCounts counts = since_last_take;
  since_last_take = {};
  return counts;
}

}  // namespace lockstress
