#pragma once

#include <cstdint>
#include <string>

#include "harness/protocol/pin.hpp"
#include "harness/protocol/variant.hpp"
#include "lockstress/expect.hpp"

namespace lockstress {

// What a cell was asked to do: one case in one variant at one (threads, iterations) point. Made
// by the planner (harness/driver/plan.cpp) or read back from a summary, never changed after.
struct CellPlan {
  std::string case_name;
  std::string description;
  Expect expect;
  Variant variant;
  int threads = 0;
  std::int64_t iterations = 0;
  std::int64_t trials = 0;  // asked for (a shard: its slice)
  Pin pin = Pin::spread;    // as asked; Measurement::worker_cpus says what the OS did

  // The count every trial must end with: threads x iterations (the CLI and the JSON reader refuse
  // points where it overflows).
  std::int64_t expected_count() const { return threads * iterations; }
};

}  // namespace lockstress
