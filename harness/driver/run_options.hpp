#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/driver/shard.hpp"
#include "harness/protocol/perturb.hpp"
#include "harness/protocol/pin.hpp"
#include "harness/protocol/start_line.hpp"
#include "harness/protocol/variant.hpp"
#include "harness/stats/stopping_rule.hpp"

namespace lockstress {

// The most trials a cell runs: the limit of --trials, and the cap of a cell under --duration.
inline constexpr std::int64_t kMaxTrials = 1'000'000'000;
// The watchdog's floor: a trial is hung after this long without progress (plus 10 x the median
// time between signs of progress; see harness/driver/watchdog.hpp). 200 x the longest pause
// measured in a slow-but-correct lock's progress on 2 CPUs (0.3 s, a spinning ticket lock at
// 5 threads, whose every trial took over 300 s).
inline constexpr double kDefaultTimeoutSeconds = 60;
// Hung or crashed trials after which a cell stops: one already fails it, and each hang costs the
// watchdog's limit.
inline constexpr std::int64_t kDefaultMaxFaults = 3;

// The files a run or a merge writes, all from the one finished summary; empty: not asked for.
struct OutputPaths {
  std::string json;
  std::string markdown;
  std::string junit;
  std::string sarif;
  std::string html;
};

// run --replay: one model schedule to run again (docs/model.md, "Replay").
struct ReplayRequest {
  std::string key;                         // model::replay_key
  std::string choices;                     // the choice trace; empty: from the key's seed
  std::optional<std::string> expect_hash;  // 16 hex digits the schedule's trace hash must be
};

// Everything `lockstress run` was asked to do, validated.
struct RunOptions {
  std::vector<std::string> cases;  // empty: every case
  std::vector<Variant> variants;   // empty: every variant of the program
  // Each list is swept: every case runs at every (threads, iterations) pair. Empty: the case's
  // own default in each variant's kind of detector (case_defaults.hpp).
  std::vector<int> threads;
  std::vector<std::int64_t> iterations;
  // Unset: the case's own default in each variant (case_defaults.hpp). Of the whole run: a shard
  // runs its slice.
  std::optional<std::int64_t> trials;
  std::optional<Shard> shard;
  std::optional<std::uint64_t> seed;  // unset: a fresh random seed, printed in the summary
  double timeout_seconds = kDefaultTimeoutSeconds;  // 0: no watchdog
  std::int64_t max_faults = kDefaultMaxFaults;
  std::string suppressions;  // a TSan suppressions file for the TSan variant; empty: none
  OutputPaths outputs;
  std::string source_root;  // frames below it are shown relative to it; default: the cwd
  Pin pin = Pin::spread;
  StartLine start = StartLine::hybrid;
  Perturb perturb = Perturb::none;
  StoppingRule stopping;  // with a duration, `trials` only caps each cell (kMaxTrials if unset)
  bool quiet = false;
  bool progress = false;  // a progress line on stderr even when it is not a terminal
  // Set: run no cells, replay this one schedule (one case, one model variant).
  std::optional<ReplayRequest> replay;
};

}  // namespace lockstress
