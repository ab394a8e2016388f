#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lockstress::model {

// How the scheduler picks the thread that runs at each switch point.
//   pct:    probabilistic concurrency testing (Burckhardt et al., ASPLOS'10): distinct random
//           priorities, the highest-priority runnable thread runs, and at depth-1 random steps
//           the running thread drops below every other. A bug of depth d is found in one
//           schedule with probability >= 1/(n k^(d-1)) (n threads, k steps).
//   random: a random walk: every switch point picks a runnable thread uniformly.
enum class Strategy { pct, random };

// Which stores a load may read.
//   sc:  sequential consistency: every load reads the latest store to its location.
//   c11: the C++ memory model's store histories: a load may read any store to its location that
//        coherence and happens-before allow (see memory_model.hpp for what is and is not modelled).
enum class Memory { sc, c11 };

std::string_view to_string(Strategy strategy);
std::string_view to_string(Memory memory);
std::optional<Strategy> parse_strategy(std::string_view text);
std::optional<Memory> parse_memory(std::string_view text);

struct Options {
  std::uint64_t seed = 0;
  Strategy strategy = Strategy::pct;
  Memory memory = Memory::c11;
  // PCT's depth d: d-1 priority change points.
  int pct_depth = 3;
  // PCT's k: change points are drawn uniformly from the steps [1, k]. It should be about the
  // number of steps a schedule takes; a runner measures it on its first schedule.
  std::int64_t pct_steps = 100;
  // After this many steps the schedule falls back to a fair round-robin (counted in the result),
  // so that a spin loop the heuristics do not recognise cannot starve the thread it waits for.
  std::int64_t fair_after_steps = 20'000;
  // A schedule that runs this many steps is abandoned as a livelock.
  std::int64_t step_limit = 1'000'000;
  // Under c11, a thread re-reading locations nothing has stored to since it last read them is
  // spinning; after this many such reads its loads read the latest store (CDSChecker's memory
  // liveness), since the store it waits for must become visible eventually.
  int spin_reads_before_latest = 3;
  // Replay: the choices of an earlier schedule (ScheduleResult::choices), made again instead of
  // drawn from the seed. Empty: draw from the seed.
  std::string replay_choices;
  // Keep every event for the counterexample table. The trace hash is computed either way.
  bool keep_events = true;
};

// "pct/c11/d3/k100/s42": what replays a schedule from its seed (with the same program and
// thread count). parse_replay_key accepts what replay_key writes, and nullopt for anything else.
std::string replay_key(const Options& options);
std::optional<Options> parse_replay_key(std::string_view key);

}  // namespace lockstress::model
