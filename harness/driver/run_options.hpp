#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/pin.hpp"
#include "lockstress/variant.hpp"

namespace lockstress {

// A case's parameters when neither the command line nor the case itself (Case::defaults) sets
// them: enough for the unlocked counter to lose updates in most trials on 2 CPUs, while 0
// failures still bounds a safe case's rate below 1.5%.
inline constexpr int kDefaultThreads = 5;
inline constexpr std::int64_t kDefaultIterations = 100'000;
inline constexpr std::int64_t kDefaultTrials = 200;

// Everything `lockstress run` was asked to do, validated.
struct RunOptions {
  std::vector<std::string> cases;  // empty: every case
  std::vector<Variant> variants;   // empty: every variant
  // Each list is swept: every case runs at every (threads, iterations) pair. Empty: the case's
  // own default, else kDefaultThreads (within the case's limit) and kDefaultIterations.
  std::vector<int> threads;
  std::vector<std::int64_t> iterations;
  std::optional<std::int64_t> trials;  // unset: the case's own default, else kDefaultTrials
  std::optional<std::uint64_t> seed;   // unset: a fresh random seed, printed in the summary
  std::string json_path;
  std::string source_root;  // frames below it are shown relative to it; default: the cwd
  Pin pin = Pin::spread;
  bool quiet = false;
};

}  // namespace lockstress
