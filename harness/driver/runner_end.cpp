#include "harness/driver/runner_end.hpp"

#include <signal.h>
#include <sys/resource.h>

#include <algorithm>
#include <string>

namespace lockstress {
namespace {

bool mentions(const RunnerStream& stream, std::string_view needle) {
  const auto& tail = stream.tail();
  return std::any_of(
             tail.begin(), tail.end(),
             [&](const std::string& line) { return line.find(needle) != std::string::npos; }) ||
         (stream.sanitizer_error() && stream.sanitizer_error()->find(needle) != std::string::npos);
}

// Signals a program raises on itself by faulting or aborting, as opposed to being killed.
bool self_inflicted(int signal) {
  switch (signal) {
    case SIGSEGV:
    case SIGBUS:
    case SIGFPE:
    case SIGILL:
    case SIGABRT:
    case SIGTRAP:
    case SIGSYS:
      return true;
    default:
      return false;
  }
}

// "ERROR: ThreadSanitizer: SEGV on unknown address 0x0 (pc ...)" -> "SIGSEGV": the sanitizer
// caught a deadly signal, printed it, and exited with its own status instead of dying of it.
std::optional<std::string> sanitizer_deadly_signal(const RunnerStream& stream) {
  if (!stream.sanitizer_error()) return std::nullopt;
  const std::string& line = *stream.sanitizer_error();
  const std::size_t colon = line.find(": ", 7);
  if (line.rfind("ERROR: ", 0) != 0 || colon == std::string::npos) return std::nullopt;
  // "ThreadSanitizer: SEGV on unknown address 0x8", without the registers that follow.
  const std::string said = line.substr(7, line.find(" (pc ") - 7);
  const std::string what = line.substr(colon + 2);
  for (const char* name : {"SEGV", "BUS", "FPE", "ILL", "ABRT", "TRAP"}) {
    if (what.rfind(std::string(name) + " ", 0) == 0)
      return "SIG" + std::string(name) + " (" + said + ")";
  }
  if (what.rfind("stack-overflow", 0) == 0) return "stack overflow (" + said + ")";
  return std::nullopt;
}

// The limit on processes (threads count against it), where one is set.
std::string process_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NPROC, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) {
    return "the system's thread limits (ulimit -u, /proc/sys/kernel/threads-max) or its memory";
  }
  return "the limit on processes, ulimit -u, is " + std::to_string(limit.rlim_cur);
}

RunnerEnd broken(std::string cause) { return RunnerEnd{RunnerEnd::Kind::broken, std::move(cause)}; }
RunnerEnd crashed(std::string cause) {
  return RunnerEnd{RunnerEnd::Kind::crashed, std::move(cause)};
}

}  // namespace

std::string last_lines(const RunnerStream& stream, std::size_t lines, std::string_view separator) {
  const auto& tail = stream.tail();
  std::string out;
  const std::size_t skip = tail.size() > lines ? tail.size() - lines : 0;
  for (std::size_t i = skip; i < tail.size(); ++i) {
    if (tail[i].empty()) continue;
    if (!out.empty()) out += separator;
    out += tail[i];
  }
  return out;
}

RunnerEnd judge_runner(const ChildOutcome& outcome, const RunnerStream& stream,
                       const DetectorInfo& detector, std::int64_t trials) {
  if (outcome.spawn_error) return broken(*outcome.spawn_error);
  if (outcome.stopped) return RunnerEnd{RunnerEnd::Kind::stopped, "interrupted"};
  const std::string progress = " after " + std::to_string(stream.trials_seen()) + " of " +
                               std::to_string(trials) + " trials";
  const std::string last = last_lines(stream, 20);
  const std::string output = "; last output: " + (last.empty() ? "(none)" : last);
  // Checked first: a runtime that cannot start says so, then exits 66 like a race would.
  if (mentions(stream, "unexpected memory mapping") ||
      mentions(stream, "failed to mmap the shadow")) {
    return broken(
        "the TSan runtime could not start on this kernel (" + last_lines(stream, 20) +
        "); remedies: run under `setarch $(uname -m) -R`, or `sysctl vm.mmap_rnd_bits=28`");
  }
  if (mentions(stream, "failed to read suppressions file")) {
    return broken("the TSan runtime could not read its suppressions file: " +
                  last_lines(stream, 20));
  }
  if (mentions(stream, "Sanitizer: CHECK failed")) {
    return broken(
        "the sanitizer runtime failed an internal check (an address-space limit, as "
        "`ulimit -v` sets, does this to TSan)" +
        output);
  }
  // The worker pool is the harness's, not the case's: a thread it cannot start is the
  // environment's limit (`ulimit -u 3` made every cell, the control too, a crash).
  // It reaches us as an exception record, or (thrown before the runner's trial loop) as
  // std::terminate's SIGABRT with the message in the last output.
  constexpr std::string_view kNoThread = "cannot start a worker thread";
  if ((stream.exception() && stream.exception()->what.find(kNoThread) != std::string::npos) ||
      mentions(stream, kNoThread)) {
    return broken("the runner cannot start a worker thread (" + process_limit() + ")" + output);
  }
  if (stream.exception()) return crashed(stream.exception()->what);
  // Before the timeout: the driver stops a runner as soon as its protocol breaks.
  if (stream.error()) return broken("runner protocol error" + progress + ": " + *stream.error());
  if (outcome.stopped_from_outside) {
    return broken("the runner was stopped from outside (SIGSTOP, job control or a debugger) for "
                  "longer than its timeout" +
                  progress);
  }
  if (outcome.timed_out) return RunnerEnd{RunnerEnd::Kind::hung, "no progress"};
  if (outcome.signal) {
    if (self_inflicted(*outcome.signal) && !stream.ended())
      return crashed(signal_name(*outcome.signal));
    return broken("runner killed by " + signal_name(*outcome.signal) + progress +
                  (self_inflicted(*outcome.signal) ? "" : ", from outside lockstress") + output);
  }
  if (!stream.ended()) {
    if (std::optional<std::string> deadly = sanitizer_deadly_signal(stream))
      return crashed(*deadly);
    return broken("runner exited with status " + std::to_string(outcome.exit_code.value_or(-1)) +
                  progress + output);
  }
  // The status a sanitizer exits with after printing any report (TSan: 66); the reports
  // themselves, not this status, decide whether there was a race. It with no report means
  // something else.
  const bool report_status =
      detector.report_exit_status != 0 && outcome.exit_code == detector.report_exit_status;
  if (report_status && stream.report_blocks() == 0) {
    return broken("runner exited with status " + std::to_string(detector.report_exit_status) +
                  " (the sanitizer's) after its last trial, but printed no report" + output);
  }
  if (outcome.exit_code != 0 && !report_status) {
    return broken("runner exited with status " + std::to_string(outcome.exit_code.value_or(-1)) +
                  " after its last trial" + output);
  }
  return RunnerEnd{RunnerEnd::Kind::finished, ""};
}

}  // namespace lockstress
