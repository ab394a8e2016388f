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

  // The three races a lock can have, named for what each detector sees. The one-sided forms ask
  // for the reason the other detector misses it: the summary prints it when that happens.
  // A real data race: lost updates in the plain build, a data-race report under TSan.
  static Expect race_caught_by_both() { return race_caught_by({.plain = true, .tsan = true}); }
  // Lost updates that TSan cannot see (an atomicity violation, a memory-order bug TSan's
  // sequentially consistent execution never shows).
  static Expect race_caught_by_plain_only(std::string why_tsan_misses_it) {
    return race_caught_by({.plain = true}, std::move(why_tsan_misses_it));
  }
  // A report TSan makes from the order of events alone, while the hardware happens not to lose
  // anything (or the bug is not about lost updates: `tsan_report` "lock-order-inversion").
  static Expect race_caught_by_tsan_only(std::string why_plain_misses_it,
                                         std::string tsan_report = "data race") {
    return race_caught_by({.tsan = true}, std::move(why_plain_misses_it), std::move(tsan_report));
  }

  bool must_be_caught_by(Variant variant) const {
    return race && (variant == Variant::plain ? caught_by.plain : caught_by.tsan);
  }
};

inline const Expect Expect::safe{};

}  // namespace lockstress
