#pragma once

#include <cstdint>
#include <vector>

#include "lockstress/detector.hpp"

namespace lockstress {

// A case's own parameters for `lockstress run` when the command line does not set them; 0 means
// the default of the variant's kind of detector (harness/protocol/detectors.hpp: 5 threads, or
// the case's limit when lower, 100,000 iterations and 200 trials for plain and TSan; 2 threads,
// 3 iterations and 300 schedules for the model). A case sets them when those would make it slow
// or meaningless, and says why.
struct Defaults {
  int threads = 0;
  std::int64_t iterations = 0;
  std::int64_t trials = 0;
};

// A case's own parameters for the variants of one kind of detector, in place of its Defaults:
// the model runs tiny instances, where a stress test's sizes would take hours.
struct DetectorDefaults {
  Detector detector = Detector::model;
  Defaults defaults;
};

}  // namespace lockstress
