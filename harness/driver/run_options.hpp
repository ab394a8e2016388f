#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/driver/shard.hpp"
#include "harness/pin.hpp"
#include "lockstress/variant.hpp"

namespace lockstress {

// A case's parameters when neither the command line nor the case itself (Case::defaults) sets
// them: enough for the unlocked counter to lose updates in most trials on 2 CPUs, while 0
// failures still bounds a safe case's rate below 1.5%.
inline constexpr int kDefaultThreads = 5;
inline constexpr std::int64_t kDefaultIterations = 100'000;
inline constexpr std::int64_t kDefaultTrials = 200;

// The files a run or a merge writes, all from the one finished summary; empty: not asked for.
struct OutputPaths {
  std::string json;
  std::string markdown;
  std::string junit;
  std::string sarif;
  std::string html;
};

// Everything `lockstress run` was asked to do, validated.
struct RunOptions {
  std::vector<std::string> cases;  // empty: every case
  std::vector<Variant> variants;   // empty: every variant
  // Each list is swept: every case runs at every (threads, iterations) pair. Empty: the case's
  // own default, else kDefaultThreads (within the case's limit) and kDefaultIterations.
  std::vector<int> threads;
  std::vector<std::int64_t> iterations;
  // Unset: the case's own default, else kDefaultTrials. Of the whole run: a shard runs its slice.
  std::optional<std::int64_t> trials;
  std::optional<Shard> shard;
  std::optional<std::uint64_t> seed;  // unset: a fresh random seed, printed in the summary
  OutputPaths outputs;
  std::string source_root;  // frames below it are shown relative to it; default: the cwd
  Pin pin = Pin::spread;
  bool quiet = false;
  bool progress = false;  // a progress line on stderr even when it is not a terminal
};

}  // namespace lockstress
