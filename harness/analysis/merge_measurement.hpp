#pragma once

#include <string>
#include <vector>

#include "harness/base/result.hpp"
#include "harness/protocol/detectors.hpp"
#include "harness/summary/measurement.hpp"

namespace lockstress {

// One input's measurement of a cell, and the file it came from (for messages).
struct MeasurementSource {
  const std::string& file;
  const Measurement& measured;
};

// One Measurement from the same cell's measurements in several inputs (merge.hpp says how each
// part combines): counts summed, rates and intervals recomputed for a cell of `detector`'s kind,
// reports matched by signature, the trial ranges joined. An Error when two inputs hold the same
// trial, or when a cell stopped by a sequential rule would take in another input's trials.
// `cell` names it in messages ("locked_counter/tsan 2x1000"). The model's schedules combine
// toward one bound only when every input drew them alike (ModelSchedules::disagreement).
Result<Measurement> merge_measurements(const std::vector<MeasurementSource>& sources,
                                       const std::string& cell, const DetectorInfo& detector,
                                       const Expect& expect);

}  // namespace lockstress
