#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "harness/base/result.hpp"
#include "harness/protocol/perturb.hpp"
#include "harness/protocol/pin.hpp"
#include "harness/protocol/start_line.hpp"

namespace lockstress {

// What the driver asks one runner process to do: `trials` trials of one case, numbered from
// `first_trial`, each trial's seed derived from `seed` and its number.
struct RunnerArgs {
  std::string case_name;
  int threads = 0;
  std::int64_t iterations = 0;
  std::int64_t first_trial = 0;
  std::int64_t trials = 0;
  std::uint64_t seed = 0;
  Pin pin = Pin::spread;
  StartLine start = StartLine::hybrid;
  Perturb perturb = Perturb::none;
  std::int64_t time_limit_ms = 0;  // 0: none; else start no trial after this long
  // Worker w starts w x this after the release: the variant's DetectorInfo::start_stagger_ns.
  std::int64_t start_stagger_ns = 0;
  int progress_fd = -1;  // where the progress beacon writes; -1: no beacon
  // The shared memory object to put the records in (harness/protocol/record_ring.hpp); -1: none,
  // they go to stderr.
  int record_ring_fd = -1;
  // Run the sync probe before the first trial (DetectorInfo::probes_sync: the driver asks for it
  // in the variants whose detector sees only the synchronisation it instruments).
  bool probe_sync = false;
  // Replay one model schedule (docs/model.md, "Replay"): its replay key, its choice trace (may be
  // empty) and the trace hash it must reproduce (unset: none to check). The model runner only.
  std::string replay_key;
  std::string replay_choices;
  std::optional<std::uint64_t> expect_hash;
};

// argv as the driver builds it (runner_arguments in harness/driver/run_cell.cpp); an Error when
// anything is missing, unknown or out of range.
Result<RunnerArgs> parse_runner_args(int argc, const char* const* argv);

}  // namespace lockstress
