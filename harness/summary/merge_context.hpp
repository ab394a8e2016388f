#pragma once

#include <vector>

#include "harness/summary/summary.hpp"

namespace lockstress {

// The context of a merged summary, from its inputs' (at least one): fields the inputs agree on
// keep their value; differing text is joined with " | " ("A CPU | B CPU"); differing numbers
// (seed, CPUs) become 0, since no one value is true of all; started_at is the earliest. The rerun
// command is the inputs' one without --shard when they are shards of one run, otherwise empty.
// The machine load is the earliest input's start, the latest's end, and the highest of all.
Context merge_contexts(const std::vector<MergedInput>& inputs);

}  // namespace lockstress
