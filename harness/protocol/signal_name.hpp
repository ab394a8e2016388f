#pragma once

#include <signal.h>
#include <string.h>

#include <optional>
#include <string>
#include <string_view>

namespace lockstress {

// "SIGSEGV", "SIGINT", ... or "signal N".
inline std::string signal_name(int signal) {
  if (const char* abbrev = sigabbrev_np(signal)) return std::string("SIG") + abbrev;
  return "signal " + std::to_string(signal);
}

// The inverse of signal_name, for the names it gives.
inline std::optional<int> parse_signal_name(std::string_view name) {
  for (int signal = 1; signal < NSIG; ++signal) {
    if (signal_name(signal) == name) return signal;
  }
  return std::nullopt;
}

}  // namespace lockstress
