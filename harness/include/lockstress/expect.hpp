#pragma once

#include <string>

#include "lockstress/variant.hpp"

namespace lockstress {

// What a case declares about itself, beside its workload (jcstress's @Outcome, in one value).
//   safe: no variant may lose an update or draw a sanitizer report.
//   race: each variant in `caught_by` must catch it (plain: a trial lost updates; tsan: a trial
//         drew a `tsan_report` report). A variant not named may miss it; `blind_spot` says why,
//         and the summary repeats it when that happens.
struct Expect {
  struct Detectors {
    bool plain = false;
    bool tsan = false;
  };

  bool race = false;
  Detectors caught_by;
  std::string blind_spot;
  std::string tsan_report = "data race";

  static const Expect safe;

  static Expect race_caught_by(Detectors caught_by, std::string blind_spot = {},
                               std::string tsan_report = "data race") {
    return Expect{true, caught_by, std::move(blind_spot), std::move(tsan_report)};
  }

  bool must_be_caught_by(Variant variant) const {
    return race && (variant == Variant::plain ? caught_by.plain : caught_by.tsan);
  }
};

inline const Expect Expect::safe{};

}  // namespace lockstress
