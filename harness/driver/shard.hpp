#pragma once

#include <cstdint>

namespace lockstress {

// Shard K of N (1 <= K <= N): the K-th of N contiguous, near-equal slices of a run's trial
// indices. Since a trial's seed depends only on the run's seed and its index, N shards run with
// one seed hold exactly the trials of the unsharded run: merging them gives the same trials.
struct Shard {
  std::int64_t index = 1;
  std::int64_t count = 1;
};

struct TrialSlice {
  std::int64_t first = 0;
  std::int64_t count = 0;
};

// Slices differ in size by at most one; a shard gets no trial only when trials < shards.
constexpr TrialSlice shard_slice(std::int64_t trials, Shard shard) {
  const std::int64_t first = (shard.index - 1) * trials / shard.count;
  const std::int64_t end = shard.index * trials / shard.count;
  return {first, end - first};
}

}  // namespace lockstress
