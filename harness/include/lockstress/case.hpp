#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "lockstress/defaults.hpp"
#include "lockstress/expect.hpp"
#include "lockstress/workload.hpp"

namespace lockstress {

// The most worker threads a case may ask for; also what keeps threads × iterations in range.
inline constexpr int kMaxThreads = 1024;

struct ThreadLimit {
  int min = 1;
  int max = kMaxThreads;
};

struct Case {
  std::string name;
  std::string description;
  Expect expect;
  ThreadLimit threads;
  // Called once per runner process, with the trial's thread count.
  std::function<std::unique_ptr<Workload>(int threads)> make_workload;
  // For the kinds of detector that stress real threads (plain, TSan); not the model's.
  Defaults defaults = {};
  // False for a case that can hang on some platforms (a lock with a lost wakeup): the watchdog
  // would fail the cell, rightly, but a platform library's bug should not fail every default
  // run, so `run` without --case leaves it out and `list` says so.
  bool runs_by_default = true;
  // Per kind of detector, in place of `defaults` (at most one entry per kind).
  std::vector<DetectorDefaults> detector_defaults = {};
};

// The positive control: the unlocked counter that must lose updates (plain) and draw a data-race
// report (tsan) for a clean result of any other case in that variant to count as a pass.
inline constexpr const char* kControlCase = "unsafe_counter";

}  // namespace lockstress
