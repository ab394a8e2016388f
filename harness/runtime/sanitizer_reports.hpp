#pragma once

namespace lockstress {

// Counts the reports the sanitizer runtime prints, and the ones it drops past the per-trial cap,
// so that each trial record says how many it drew. Only the TSan variant's report hooks
// (sanitizers/tsan_report_hook.cpp) call these; in the plain variant nothing does, and every
// trial counts 0.
//
// Both are called from inside the sanitizer while it holds its report lock (which serialises
// them): they must not allocate, lock, or touch anything the sanitizer instruments.

// A report the runtime built and is about to print: whether to drop it instead, because the
// trial already printed protocol::kReportsPerTrial (then it is counted as dropped).
bool drop_sanitizer_report();
// A report the runtime printed.
void count_sanitizer_report();

struct SanitizerReportCounts {
  int printed = 0;
  int dropped = 0;
};

// The reports counted since the last call. Call it only between rounds of the worker pool, whose
// start line and finish line order it after every report of the round.
SanitizerReportCounts take_sanitizer_report_counts();

}  // namespace lockstress
