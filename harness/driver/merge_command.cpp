#include "harness/driver/merge_command.hpp"

#include <iostream>

#include "harness/driver/outputs.hpp"
#include "harness/ingest/summary_json.hpp"
#include "harness/reporters/reporters.hpp"
#include "harness/stats/merge.hpp"
#include "harness/summary/context.hpp"

namespace lockstress {
int merge_command(const MergeCommand& command, const std::vector<std::string>& args) {
  auto usage_error = [](const std::string& message) {
    std::cerr << "lockstress: " << message << '\n';
    return kExitUsage;
  };
  if (std::optional<std::string> problem = check_outputs(command.outputs))
    return usage_error(*problem);

  std::vector<MergeInput> inputs;
  for (const std::string& path : command.inputs) {
    std::string error;
    std::optional<Summary> summary = read_summary_file(path, error);
    if (!summary) return usage_error(error);
    inputs.push_back({path, std::move(*summary)});
  }
  std::string error;
  std::optional<Summary> merged = merge_summaries(inputs, error);
  if (!merged) return usage_error("cannot merge: " + error);

  merged->context.command = shell_join(args);
  // Inputs from different runs have no one command that repeats them; repeating the merge does.
  if (merged->context.rerun_command.empty())
    merged->context.rerun_command = merged->context.command;

  if (!command.quiet) write_console(*merged, std::cout);
  bool written = true;
  for (const std::string& problem : write_outputs(*merged, command.outputs)) {
    std::cerr << "lockstress: " << problem << '\n';
    written = false;
  }
  return written ? exit_code(*merged) : kExitError;
}

}  // namespace lockstress
