#pragma once

#include "harness/protocol/variant.hpp"

namespace lockstress::testing {

// The built-in variants, as the tests name them.
inline const Variant kPlain{"plain", Detector::plain};
inline const Variant kTsan{"tsan", Detector::tsan};
inline const Variant kModel{"model", Detector::model};

}  // namespace lockstress::testing
