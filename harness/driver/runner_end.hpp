#pragma once

#include <string>

#include "harness/driver/child_process.hpp"
#include "harness/ingest/runner_stream.hpp"
#include "harness/protocol/detectors.hpp"

namespace lockstress {

// How one runner process ended, for its cell.
//   finished: it ran every trial asked of it and exited cleanly.
//   hung:     the watchdog killed it; the running trial made no progress.
//   crashed:  the case killed it: a signal the code raised itself (SIGSEGV, SIGABRT, ...), a
//             sanitizer's deadly-signal report, or an exception record.
//   stopped:  the run was interrupted and we killed it.
//   broken:   anything else: it could not start, its sanitizer runtime could not start, it broke
//             the protocol, exited early, or was killed from outside. Not the case's fault as far
//             as we can tell: the cell is an error, never a pass, never a race.
struct RunnerEnd {
  enum class Kind { finished, hung, crashed, stopped, broken };
  Kind kind = Kind::broken;
  // crashed: the signal or exception ("SIGSEGV", "std::runtime_error: x"); broken: one line
  // saying what happened, with the remedy when one is known.
  std::string cause;
};

// `detector` is the runner's kind; `trials` what it was asked to run, for the progress in a broken
// runner's message.
RunnerEnd judge_runner(const ChildOutcome& outcome, const RunnerStream& stream,
                       const DetectorInfo& detector, std::int64_t trials);

// The last `lines` lines the runner printed that were neither records nor report text, joined by
// `separator`; empty when there were none.
std::string last_lines(const RunnerStream& stream, std::size_t lines,
                       std::string_view separator = " | ");

}  // namespace lockstress
