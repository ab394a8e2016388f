#pragma once

#include <cstdint>

#include "harness/protocol/detectors.hpp"
#include "lockstress/case.hpp"

namespace lockstress {

// What `run` does with a case in the variants of one kind of detector when the command line sets
// nothing: every field set. See DetectorInfo::defaults for the order in which they are decided.
struct CaseDefaults {
  int threads = 0;
  std::int64_t iterations = 0;
  std::int64_t trials = 0;
  bool operator==(const CaseDefaults&) const = default;
};

CaseDefaults case_defaults(const Case& c, Detector kind);

}  // namespace lockstress
