#pragma once

#include <string>
#include <vector>

#include "harness/protocol/detectors.hpp"

namespace lockstress {

// One build of the cases, and so one detector: a program made by lockstress_add_runner has a
// runner per variant, <driver>-<name>, built as that variant's entry says
// (harness/cmake/LockstressVariants.cmake). Several variants may be of one kind (plain at -O2 and
// a plain build of your own at -O3): a case's expectation names kinds, so each is held to it.
struct Variant {
  std::string name;  // "plain", "tsan", "plain-O3": in --variant, the summary and the runner's name
  Detector detector = Detector::plain;

  const DetectorInfo& info() const { return detector_info(detector); }
  bool operator==(const Variant&) const = default;
};

// How a variant was built, as lockstress_add_runner recorded it at configure time.
struct VariantBuild {
  Variant variant;
  std::string flags;    // in the order they reach the compiler; empty: not recorded
  std::string runtime;  // the detector's runtime library it links; empty: none
  bool operator==(const VariantBuild&) const = default;
};

// The variants lockstress_add_runner builds unless told otherwise, each named after its kind.
inline std::vector<Variant> builtin_variants() {
  return {{"plain", Detector::plain}, {"tsan", Detector::tsan}};
}

}  // namespace lockstress
