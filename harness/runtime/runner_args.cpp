#include "harness/runtime/runner_args.hpp"

#include <charconv>
#include <string_view>

#include "harness/protocol/protocol.hpp"

namespace lockstress {
namespace {

template <class Int>
bool parse_int(std::string_view text, Int& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

}  // namespace

Result<RunnerArgs> parse_runner_args(int argc, const char* const* argv) {
  if (argc < 2 || argv[1] != protocol::kRunnerCommand) {
    return Error{
        "this program is a lockstress runner: the lockstress driver starts it; run that instead"};
  }
  RunnerArgs args;
  bool have_case = false;
  for (int i = 2; i < argc; i += 2) {
    std::string_view key = argv[i];
    if (i + 1 >= argc) {
      return Error{"runner: missing value for " + std::string(key)};
    }
    std::string_view value = argv[i + 1];
    bool ok = true;
    if (key == "--case") {
      args.case_name = value;
      have_case = true;
    } else if (key == "--threads") {
      ok = parse_int(value, args.threads) && args.threads > 0;
    } else if (key == "--iterations") {
      ok = parse_int(value, args.iterations) && args.iterations > 0;
    } else if (key == "--first-trial") {
      ok = parse_int(value, args.first_trial) && args.first_trial >= 0;
    } else if (key == "--trials") {
      ok = parse_int(value, args.trials) && args.trials > 0;
    } else if (key == "--seed") {
      ok = parse_int(value, args.seed);
    } else if (key == "--progress-fd") {
      ok = parse_int(value, args.progress_fd) && args.progress_fd > 2;
    } else if (key == "--record-ring-fd") {
      ok = parse_int(value, args.record_ring_fd) && args.record_ring_fd > 2;
    } else if (key == "--pin") {
      std::optional<Pin> pin = parse_pin(value);
      ok = pin.has_value();
      if (ok) args.pin = *pin;
    } else if (key == "--start") {
      std::optional<StartLine> start = parse_start_line(value);
      ok = start.has_value();
      if (ok) args.start = *start;
    } else if (key == "--perturb") {
      std::optional<Perturb> perturb = parse_perturb(value);
      ok = perturb.has_value();
      if (ok) args.perturb = *perturb;
    } else if (key == "--time-limit-ms") {
      ok = parse_int(value, args.time_limit_ms) && args.time_limit_ms > 0;
    } else if (key == "--probe-sync") {
      ok = value == "1";
      args.probe_sync = ok;
    } else if (key == "--replay") {
      args.replay_key = value;
      ok = !value.empty();
    } else if (key == "--replay-choices") {
      args.replay_choices = value;
    } else if (key == "--expect-hash") {
      std::uint64_t hash = 0;
      const char* end = value.data() + value.size();
      auto [ptr, ec] = std::from_chars(value.data(), end, hash, 16);
      ok = value.size() == 16 && ec == std::errc() && ptr == end;
      if (ok) args.expect_hash = hash;
    } else if (key == "--start-stagger-ns") {
      ok = parse_int(value, args.start_stagger_ns) && args.start_stagger_ns > 0 &&
           args.start_stagger_ns <= 1'000'000;
    } else {
      return Error{"runner: unknown argument " + std::string(key)};
    }
    if (!ok) {
      return Error{"runner: bad value '" + std::string(value) + "' for " + std::string(key)};
    }
  }
  // A replay runs one schedule: it needs no trial count.
  if (!args.replay_key.empty() && args.trials == 0) args.trials = 1;
  if (!have_case || args.threads == 0 || args.iterations == 0 || args.trials == 0) {
    return Error{"runner: --case, --threads, --iterations and --trials are required"};
  }
  return args;
}

}  // namespace lockstress
