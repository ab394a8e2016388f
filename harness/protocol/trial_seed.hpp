#pragma once

#include <cstdint>

namespace lockstress {

// splitmix64: a fixed, well-mixed bijection, so that trial seeds are reproducible everywhere.
constexpr std::uint64_t mix_seed(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The seed of one trial: a pure function of the run's seed and the trial's index, so a trial can
// be named ("trial 17, seed 0x...") and rerun without the trials before it.
constexpr std::uint64_t trial_seed(std::uint64_t run_seed, std::int64_t trial_index) {
  return mix_seed(run_seed ^ mix_seed(static_cast<std::uint64_t>(trial_index)));
}

}  // namespace lockstress
