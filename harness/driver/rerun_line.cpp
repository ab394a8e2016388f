#include "harness/driver/rerun_line.hpp"

#include <charconv>
#include <string>

#include "harness/driver/quantities.hpp"
#include "harness/summary/context.hpp"

namespace lockstress {
namespace {

// The shortest text that parses back to `value`. An ostream's six digits wrote a width of
// 0.00001 as "1e-05", which --until-ci-width refuses, and a timeout of 1234567.5 s as 1.23457e+06.
std::string shortest(double value, std::chars_format format) {
  char buffer[400];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, format);
  return ec == std::errc() ? std::string(buffer, end) : std::string("invalid");
}

}  // namespace

std::vector<std::string> rerun_arguments(const std::string& program, const RunOptions& options,
                                         std::uint64_t seed) {
  std::vector<std::string> args{program, "run"};
  for (const std::string& name : options.cases) args.insert(args.end(), {"--case", name});
  for (const Variant& variant : options.variants) {
    args.insert(args.end(), {"--variant", variant.name});
  }
  auto joined = [](const auto& values) {
    std::string out;
    for (const auto& value : values) out += (out.empty() ? "" : ",") + std::to_string(value);
    return out;
  };
  if (!options.threads.empty()) args.insert(args.end(), {"--threads", joined(options.threads)});
  if (options.pin != Pin::spread)
    args.insert(args.end(), {"--pin", std::string(to_string(options.pin))});
  if (options.start != StartLine::hybrid) {
    args.insert(args.end(), {"--start", std::string(to_string(options.start))});
  }
  if (options.perturb != Perturb::none) {
    args.insert(args.end(), {"--perturb", std::string(to_string(options.perturb))});
  }
  if (options.stopping.duration_seconds) {
    args.insert(args.end(), {"--duration", duration_text(*options.stopping.duration_seconds)});
  }
  if (options.stopping.ci_width) {
    args.insert(args.end(), {"--until-ci-width", shortest(*options.stopping.ci_width,
                                                          std::chars_format::fixed)});
  }
  if (options.stopping.stop_on_detect) args.push_back("--stop-on-detect");
  if (options.timeout_seconds != kDefaultTimeoutSeconds) {
    args.insert(args.end(),
                {"--timeout", shortest(options.timeout_seconds, std::chars_format::general)});
  }
  if (options.max_faults != kDefaultMaxFaults) {
    args.insert(args.end(), {"--max-faults", std::to_string(options.max_faults)});
  }
  if (!options.suppressions.empty())
    args.insert(args.end(), {"--suppressions", options.suppressions});
  if (!options.iterations.empty()) {
    args.insert(args.end(), {"--iterations", joined(options.iterations)});
  }
  if (options.trials) args.insert(args.end(), {"--trials", std::to_string(*options.trials)});
  args.insert(args.end(), {"--seed", std::to_string(seed)});
  if (options.shard) {
    args.insert(args.end(), {"--shard", std::to_string(options.shard->index) + "/" +
                                            std::to_string(options.shard->count)});
  }
  return args;
}

std::string rerun_command(const std::string& program, const RunOptions& options, std::uint64_t seed,
                          std::string_view tsan_options) {
  const std::string command = shell_join(rerun_arguments(program, options, seed));
  if (tsan_options.empty()) return command;
  return "TSAN_OPTIONS=" + shell_join({std::string(tsan_options)}) + " " + command;
}

}  // namespace lockstress
