#pragma once

namespace lockstress {

// The exit codes of every lockstress command (README.md, "Exit codes"); 128 + N when signal N
// interrupted a run.
inline constexpr int kExitPass = 0;
inline constexpr int kExitFail = 1;
inline constexpr int kExitUsage = 2;  // bad input: one line on stderr, nothing ran
inline constexpr int kExitInconclusive = 3;
inline constexpr int kExitError = 4;
// The run finished, but an output (a file, or the summary on stdout) could not be written.
inline constexpr int kExitOutput = 5;
// A model replay (run --replay) ran a schedule whose trace hash is not the one expected
// (--expect-hash): the program, its build or the model changed since the schedule was recorded.
inline constexpr int kExitReplayMismatch = 6;

}  // namespace lockstress
