#pragma once

#include <cstdint>
#include <string>

namespace lockstress {

// What the model runner said of its schedules (protocol.hpp, the `model` record): how they are
// drawn, and PCT's n, k and d as measured (sanitizers/model/options.hpp), from which a clean
// cell's bound is computed (harness/stats/pct_bound.hpp).
struct ModelSchedules {
  std::string strategy;  // "pct", "random"
  std::string memory;    // "sc", "c11"
  std::int64_t threads = 0;
  std::int64_t steps = 0;
  int depth = 0;
  // Why no bound can be stated for the cell's schedules as a whole, though each was PCT's: its
  // runners, or the runs merged into it, measured different n, k or d. Empty: they agree.
  std::string disagreement;

  bool pct() const { return strategy == "pct"; }
  // Whether schedules drawn with `other` count toward the same bound.
  bool same_bound(const ModelSchedules& other) const {
    return strategy == other.strategy && threads == other.threads && steps == other.steps &&
           depth == other.depth;
  }
  // "pct, n 2, k 37, d 3": the parameters in a disagreement's words.
  std::string parameters() const {
    return strategy + ", n " + std::to_string(threads) + ", k " + std::to_string(steps) + ", d " +
           std::to_string(depth);
  }
};

// `into` with `more`'s schedules added (`what`: "runs", "runners"): unchanged when they agree;
// otherwise the disagreement says what differed. Memory mode is not part of the bound.
inline void add_schedules(ModelSchedules& into, const ModelSchedules& more, const char* what) {
  if (!into.disagreement.empty()) return;
  if (!more.disagreement.empty()) {
    into.disagreement = more.disagreement;
  } else if (!into.same_bound(more)) {
    into.disagreement = std::string(what) + " with different schedules (" + into.parameters() +
                        "; " + more.parameters() + ")";
  }
}

}  // namespace lockstress
