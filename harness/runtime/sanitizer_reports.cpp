#include "harness/runtime/sanitizer_reports.hpp"

namespace lockstress {
namespace {

// Not atomic on purpose: TSan instruments atomics even inside no_sanitize functions, and calling
// back into the runtime from its own report path can deadlock. The report lock serialises the
// writers; the worker pool's finish line orders them before the reader.
int reports_since_last_take = 0;

}  // namespace

__attribute__((no_sanitize("thread"))) void count_sanitizer_report() {
  ++reports_since_last_take;
}

__attribute__((no_sanitize("thread"))) int take_sanitizer_report_count() {
  int count = reports_since_last_take;
  reports_since_last_take = 0;
  return count;
}

}  // namespace lockstress
