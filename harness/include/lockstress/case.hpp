#pragma once

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

struct Case {
  std::string name;
  std::string description;
  Expect expect;
  ThreadLimit threads;
  // Called once per runner process, with the trial's thread count.
  std::function<std::unique_ptr<Workload>(int threads)> make_workload;
};

// The positive control: the unlocked counter that must lose updates (plain) and draw a data-race
// report (tsan) for a clean result of any other case in that variant to count as a pass.
inline constexpr const char* kControlCase = "unsafe_counter";

}  // namespace lockstress
