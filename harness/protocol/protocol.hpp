#pragma once

#include <signal.h>

#include <optional>
#include <string>
#include <string_view>

namespace lockstress::protocol {

// The runner talks to the driver in lines on its stderr, the same stream the sanitizer prints its
// reports to. Sharing one stream is the point: a report printed during trial K always arrives
// before the record of trial K, and after the record of trial K-1, so the driver can attribute
// every report to the trial that drew it without trusting timestamps.
//
//   @lockstress/1 sync op=NAME seen=N acquire=A release=R   (the sync probe, when asked: one per
//   @lockstress/1 sync-call op=NAME system=0|1 object=PATH function=TEXT     lock operation, then
//   @lockstress/1 sync-done instrumented=PATH,PATH...          sync-done; before the placement)
//   @lockstress/1 placement pin=spread cpus=0,1,0    (once, before the first trial)
//   @lockstress/1 model strategy=pct memory=c11 threads=N steps=K depth=D  (the model runner's,
//                 after the placement)
//   @lockstress/1 trial index=K seed=S count=C ns=T reports=R [acquired=A0,A1,...] [overlap=O]
//                 [torn=N] [dropped=D] [deadlock=1]
//                 [model=KEY steps=N switches=N fallbacks=N hash=HEX [choices=TEXT]]
//   @lockstress/1 end trials=N [restart=1]
//   @lockstress/1 exception index=K seed=S what=TEXT  (the case threw in trial K; the runner exits)
//
// `acquired` (lock cases only) is each worker's acquisitions while every worker ran: from when the
// last started to when the first finished (Workload::acquisitions).
// `overlap` is the longest time in nanoseconds any two workers ran the workload at once; zero or
// negative: no two ever did (the closest pair missed by -O ns). Runners before it wrote none.
// `torn` (written when not 0) is the trial's torn reads (Workload::torn_reads).
// `reports` counts the sanitizer reports the trial printed, at most kReportsPerTrial; `dropped`
// (written when not 0) the ones past that, counted and never printed.
// `model` (the model runner's trials only) is the schedule's replay key, followed by its steps,
// hand-offs, fair fallbacks, trace hash (16 hex digits) and choice trace (TrialRecord::model).
// `deadlock=1`: no
// thread could go on (TrialRecord::deadlock). `restart=1`: the runner ended before the trials
// asked, to free what it holds (the threads of the model's deadlocked schedules stay parked for
// the process's life); the driver starts another at the next trial.
// `model`: how the model runner's schedules are drawn, and PCT's n (threads), k (the steps of
// one schedule, measured on a schedule fixed by the run's seed, so every runner of a cell
// measures the same) and d (depth), from which a clean cell's bound is computed
// (harness/stats/pct_bound.hpp).
// `sync` says how many operations the detector saw in one lock operation of the sync probe
// (harness/runtime/sync_probe.hpp) and how many of them order like an acquire or a release;
// `sync-call` names a function of a shared object that operation called first (system: the C or
// C++ runtime); `sync-done` lists the instrumented shared objects loaded (empty: none).
// Any other line is the sanitizer's (or the case's own) output. TEXT runs to the end of the line;
// NAME and PATH are escaped (escape_field).
inline constexpr std::string_view kPrefix = "@lockstress/1 ";
inline constexpr std::string_view kTrial = "trial";
inline constexpr std::string_view kEnd = "end";
inline constexpr std::string_view kPlacement = "placement";
inline constexpr std::string_view kModel = "model";
inline constexpr std::string_view kException = "exception";
inline constexpr std::string_view kSync = "sync";
inline constexpr std::string_view kSyncCall = "sync-call";
inline constexpr std::string_view kSyncDone = "sync-done";

// A field of a record that may hold any byte: '%', space, ',', '=' and control characters as %XX.
inline std::string escape_field(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (c == '%' || c == ' ' || c == ',' || c == '=' || c < 0x20 || c == 0x7f) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// escape_field undone; nullopt for a malformed escape.
inline std::optional<std::string> unescape_field(std::string_view text) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = digit(text[i + 1]), low = digit(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

// The sanitizer reports one trial prints at most. A flood (a lock that lets the threads collide
// at every handover, where one report per racy address cannot hold it: TSAN_OPTIONS overriding
// suppress_equal_addresses, or many racy addresses) is cut there: the rest are counted as
// dropped. The runtime builds a report before the hook can drop it, so the cap bounds what is
// printed, read and parsed, not the runtime's own cost (bench/README.md, "Report floods").
inline constexpr int kReportsPerTrial = 100;

// The status a runner exits with right after an exception record.
inline constexpr int kCaseThrewStatus = 70;

// Sent by the driver to ask a runner to stop after its current trial (a stopping rule was met).
inline constexpr int kStopSignal = SIGUSR1;

// The runner's argument that no user types: it tells the program it is a runner, not a driver.
inline constexpr std::string_view kRunnerCommand = "--lockstress-runner";
// After it, alone: list the functions the runner calls in uninstrumented shared objects, one
// "object<TAB>function" line each, and exit (lockstress_add_runner's build-time check).
inline constexpr std::string_view kUninstrumentedImports = "--uninstrumented-imports";

}  // namespace lockstress::protocol
