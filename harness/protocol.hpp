#pragma once

#include <signal.h>

#include <string_view>

namespace lockstress::protocol {

// The runner talks to the driver in lines on its stderr, the same stream the sanitizer prints its
// reports to. Sharing one stream is the point: a report printed during trial K always arrives
// before the record of trial K, and after the record of trial K-1, so the driver can attribute
// every report to the trial that drew it without trusting timestamps.
//
//   @lockstress/1 placement pin=spread cpus=0,1,0    (once, before the first trial)
//   @lockstress/1 trial index=K seed=S count=C ns=T reports=R [acquired=A0,A1,...] [overlap=O]
//   @lockstress/1 end trials=N
//   @lockstress/1 exception index=K seed=S what=TEXT  (the case threw in trial K; the runner exits)
//
// `acquired` (lock cases only) is each worker's acquisitions when the first worker finished.
// `overlap` is how many nanoseconds every worker ran the workload at once; zero or negative: the
// last began only after the first had finished (by -O ns). Runners before it wrote none.
// Any other line is the sanitizer's (or the case's own) output. TEXT runs to the end of the line.
inline constexpr std::string_view kPrefix = "@lockstress/1 ";
inline constexpr std::string_view kTrial = "trial";
inline constexpr std::string_view kEnd = "end";
inline constexpr std::string_view kPlacement = "placement";
inline constexpr std::string_view kException = "exception";

// The status a runner exits with right after an exception record.
inline constexpr int kCaseThrewStatus = 70;

// Sent by the driver to ask a runner to stop after its current trial (a stopping rule was met).
inline constexpr int kStopSignal = SIGUSR1;

// The runner's argument that no user types: it tells the program it is a runner, not a driver.
inline constexpr std::string_view kRunnerCommand = "--lockstress-runner";

}  // namespace lockstress::protocol
