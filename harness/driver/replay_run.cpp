#include "harness/driver/replay_run.hpp"

#include <iostream>

#include "harness/base/exit_codes.hpp"
#include "harness/driver/case_defaults.hpp"
#include "harness/driver/child_process.hpp"
#include "harness/protocol/protocol.hpp"

namespace lockstress {

int replay_schedule(const RunOptions& options, const Program& program, const std::string& runner,
                    const std::vector<std::string>& emulator) {
  const ReplayRequest& replay = *options.replay;
  const Case& test_case = *program.find_case(options.cases.front());
  const CaseDefaults defaults = case_defaults(test_case, Detector::model);
  const int threads = options.threads.empty() ? defaults.threads : options.threads.front();
  const std::int64_t iterations =
      options.iterations.empty() ? defaults.iterations : options.iterations.front();
  ChildSpec spec;
  spec.argv = emulator;
  for (std::string word :
       {runner, std::string(protocol::kRunnerCommand), std::string("--case"), test_case.name,
        std::string("--threads"), std::to_string(threads), std::string("--iterations"),
        std::to_string(iterations), std::string("--seed"), std::to_string(options.seed.value_or(0)),
        std::string("--replay"), replay.key}) {
    spec.argv.push_back(std::move(word));
  }
  if (!replay.choices.empty()) {
    spec.argv.insert(spec.argv.end(), {"--replay-choices", replay.choices});
  }
  if (replay.expect_hash) spec.argv.insert(spec.argv.end(), {"--expect-hash", *replay.expect_hash});
  ChildWatch watch;
  watch.on_output = [](std::string_view bytes) { std::cout << bytes << std::flush; };
  const ChildOutcome outcome = run_child(spec, watch);
  if (outcome.spawn_error) {
    std::cerr << "lockstress: cannot start the model runner " << runner << ": "
              << *outcome.spawn_error << '\n';
    return kExitError;
  }
  if (outcome.exit_code == kExitPass || outcome.exit_code == kExitReplayMismatch) {
    return *outcome.exit_code;
  }
  std::cerr << "lockstress: the model runner could not replay the schedule ("
            << (outcome.exit_code
                    ? "exit status " + std::to_string(*outcome.exit_code)
                    : "killed by signal " + std::to_string(outcome.signal.value_or(0)))
            << ")\n";
  return kExitError;
}

}  // namespace lockstress
