#pragma once

#include <string>
#include <vector>

#include "harness/base/result.hpp"
#include "harness/summary/summary.hpp"

namespace lockstress {

struct MergeInput {
  std::string file;  // as named on the command line, for messages and merged_from
  Summary summary;
};

// Combines summaries of the same cells (shards of one run, or runs on several machines) into one
// graded summary, a pure function of its inputs:
//   - cells are matched by case, variant, threads and iterations; every input must hold the same
//     cells, with the same pin and expectation, and no trial (seed and index) twice;
//   - counts are summed, rates and intervals recomputed from them, verdicts graded again; a cell
//     stopped by a sequential rule (--until-ci-width, --stop-on-detect) merges only with inputs
//     that ran none of its trials, since its intervals hold for its own rule alone;
//   - unique reports are matched by kind and locations, their counts summed;
//   - lost updates: mean, min and max are exact; the median bounds are the input's when a single
//     input had trials. Otherwise only the power-of-two histograms survive, so the median is known
//     to a bucket: lost_median_bounds comes from the bucket(s) with the middle rank(s) (see
//     median_bounds()), and median is its midpoint (exact when the bounds meet, as for 0).
//   - each input's context is kept in merged_from (an input that was itself a merge contributes
//     its own inputs); the merged context keeps fields where the inputs agree, joins differing
//     strings with " | ", sets differing numbers (seed, CPUs) to 0, and takes the earliest start.
//     Its rerun_command is the inputs' one without --shard when they share it, otherwise empty.
// An Error when the inputs do not fit together.
Result<Summary> merge_summaries(const std::vector<MergeInput>& inputs);

}  // namespace lockstress
