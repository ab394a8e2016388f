#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "lockstress/expect.hpp"
#include "lockstress/workload.hpp"

namespace lockstress {

// The most worker threads a case may ask for; also what keeps threads × iterations in range.
inline constexpr int kMaxThreads = 1024;

struct ThreadLimit {
  int min = 1;
  int max = kMaxThreads;
};

// A case's own parameters for `lockstress run` when the command line does not set them; 0 means
// lockstress's default (5 threads, or the case's limit when lower; 100,000 iterations; 200
// trials). A case sets them when the defaults would make it slow or meaningless, and says why.
struct Defaults {
  int threads = 0;
  std::int64_t iterations = 0;
  std::int64_t trials = 0;
};

struct Case {
  std::string name;
  std::string description;
  Expect expect;
  ThreadLimit threads;
  // Called once per runner process, with the trial's thread count.
  std::function<std::unique_ptr<Workload>(int threads)> make_workload;
  Defaults defaults = {};
  // False for a case that can hang on some platforms (a lock with a lost wakeup): the watchdog
  // would fail the cell, rightly, but a platform library's bug should not fail every default
  // run, so `run` without --case leaves it out and `list` says so.
  bool runs_by_default = true;
};

// The positive control: the unlocked counter that must lose updates (plain) and draw a data-race
// report (tsan) for a clean result of any other case in that variant to count as a pass.
inline constexpr const char* kControlCase = "unsafe_counter";

}  // namespace lockstress
