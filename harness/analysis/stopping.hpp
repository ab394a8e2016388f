#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "harness/protocol/detectors.hpp"
#include "harness/analysis/cell_tally.hpp"
#include "harness/stats/stopping_rule.hpp"
#include "harness/summary/measurement.hpp"

namespace lockstress {

// Sequential stopping, and what it does to the intervals.
//
// --until-ci-width looks at a cell only after 16, 32, 64, ... trials (look j after 16 * 2^j), and
// each look spends part of the 5% error: look j's intervals are at error 0.05 * 2^-(j+1). The
// errors sum to 5%, so the intervals shown when a cell stops hold at 95% however the stop came
// about; they are wider than fixed-n intervals of the same counts. (A fixed-n interval read at a
// data-dependent stopping time covers the true rate less often than it claims.)
//
// --stop-on-detect ends a race cell at its first detection, after K trials, and a safe cell at
// its first failed trial (lost updates, torn reads, or a sanitizer report): once a safe cell
// failed, its verdict is known. The rate of what stopped the cell gets the exact interval for the
// number of trials until a first success (geometric): [1 - (1 - a/2)^(1/K),
// 1 - (a/2)^(1/(K-1))]; k/n = 1/K itself overstates the rate on average.
//
// --duration ends a cell when its share of the time runs out: the count of trials depends on
// how long trials take, not on what they show, so the fixed-n intervals stand (unless slow
// trials are also the failing ones).

inline constexpr std::int64_t kFirstLook = 16;
inline constexpr double kAlpha = 0.05;

// The look a count of trials falls in: 0 up to 16 trials, j in (16 * 2^(j-1), 16 * 2^j].
int look_index(std::int64_t trials);
bool is_look(std::int64_t trials);
// The two-sided error of the intervals of a cell with `trials` trials under `rule`.
double interval_alpha(const StoppingRule& rule, std::int64_t trials);

// Whether the cell should stop after its latest trial, and why.
std::optional<StopReason> should_stop(const StoppingRule& rule, const CellTally& tally,
                                      const Expect& expect, const DetectorInfo& detector);

// A rate of 1 in `trials` where the trials stopped at the first event.
Rate until_first_detection(std::int64_t trials, double alpha);

// Sets m.failures and m.report_trials from their counts, m.stopped_by and m.interval_alpha, for a
// cell of `detector`'s kind: the one place intervals are computed, by each stage that builds a
// Measurement (the tally, the JSON reader, merge) before handing it on. `expect`: what the case
// declares, which says whether a first detection was a report or a lost update.
void set_intervals(Measurement& m, const DetectorInfo& detector, const Expect& expect);

// One line naming the rule, and what it means for the intervals.
std::string rule_text(const StoppingRule& rule);
std::string interval_note(const StoppingRule& rule);

}  // namespace lockstress
