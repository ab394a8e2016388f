#include "harness/driver/rerun_line.hpp"

#include <sstream>

#include "harness/driver/quantities.hpp"

namespace lockstress {

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
    std::ostringstream width;
    width << *options.stopping.ci_width;
    args.insert(args.end(), {"--until-ci-width", width.str()});
  }
  if (options.stopping.stop_on_detect) args.push_back("--stop-on-detect");
  if (options.timeout_seconds != kDefaultTimeoutSeconds) {
    std::ostringstream seconds;
    seconds << options.timeout_seconds;
    args.insert(args.end(), {"--timeout", seconds.str()});
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

}  // namespace lockstress
