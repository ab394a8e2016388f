#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "lockstress/detector.hpp"

namespace lockstress {

// What a case declares about itself, beside its workload (jcstress's @Outcome, in one value).
//   safe: no variant may lose an update or draw a sanitizer report.
//   race: every variant whose kind of detector is in `caught_by` must catch it (plain: a trial
//         lost updates; tsan: a trial drew a `tsan_report` report; model: a schedule lost updates,
//         or drew a `model_report` report when one is named). A variant of another kind may miss
//         it; `blind_spot` says why, and the summary repeats it when that happens.
struct Expect {
  bool race = false;
  std::vector<Detector> caught_by;  // in Detector order, without repeats
  std::string blind_spot;
  std::string tsan_report = "data race";  // the kind of report TSan must draw
  // The kind of report the model must draw ("deadlock": a schedule in which no thread could go
  // on); empty: it must lose updates (or read torn data) in some schedule.
  std::string model_report = {};

  static const Expect safe;

  static Expect race_caught_by(std::vector<Detector> caught_by, std::string blind_spot = {},
                               std::string tsan_report = "data race") {
    std::sort(caught_by.begin(), caught_by.end());
    caught_by.erase(std::unique(caught_by.begin(), caught_by.end()), caught_by.end());
    return Expect{true, std::move(caught_by), std::move(blind_spot), std::move(tsan_report)};
  }

  // The three races a lock can have, named for what each detector sees. The one-sided forms ask
  // for the reason the other detector misses it: the summary prints it when that happens.
  // A real data race: lost updates in the plain build, a data-race report under TSan.
  static Expect race_caught_by_both() { return race_caught_by({Detector::plain, Detector::tsan}); }
  // Lost updates that TSan cannot see (an atomicity violation, a memory-order bug TSan's
  // sequentially consistent execution never shows).
  static Expect race_caught_by_plain_only(std::string why_tsan_misses_it) {
    return race_caught_by({Detector::plain}, std::move(why_tsan_misses_it));
  }
  // A report TSan makes from the order of events alone, while the hardware happens not to lose
  // anything (or the bug is not about lost updates: `tsan_report` "lock-order-inversion").
  static Expect race_caught_by_tsan_only(std::string why_plain_misses_it,
                                         std::string tsan_report = "data race") {
    return race_caught_by({Detector::tsan}, std::move(why_plain_misses_it), std::move(tsan_report));
  }

  // This race, caught by the model too: by `model_report` (empty: lost updates). The model's
  // schedules interleave at every access and its loads may read older stores, so it sees races
  // that this CPU's timing or memory order hides from the plain build.
  Expect caught_by_model_too(std::string report = {}) const {
    std::vector<Detector> kinds = caught_by;
    kinds.push_back(Detector::model);
    Expect out = race_caught_by(std::move(kinds), blind_spot, tsan_report);
    out.model_report = std::move(report);
    return out;
  }

  bool operator==(const Expect&) const = default;

  bool must_be_caught_by(Detector detector) const {
    return race && std::find(caught_by.begin(), caught_by.end(), detector) != caught_by.end();
  }
};

inline const Expect Expect::safe{};

}  // namespace lockstress
