#pragma once

namespace lockstress {

// Counts the reports the sanitizer runtime prints, so that each trial record says how many it drew.
// Only the TSan variant's report hook (sanitizers/tsan_report_hook.cpp) calls
// count_sanitizer_report(); in the plain variant nothing does, and every trial counts 0.

// Called from inside the sanitizer while it holds its internal locks (and serialises reports):
// it must not allocate, lock, or touch anything the sanitizer instruments.
void count_sanitizer_report();

// The reports counted since the last call. Call it only between rounds of the worker pool, whose
// start line and finish line order it after every report of the round.
int take_sanitizer_report_count();

}  // namespace lockstress
