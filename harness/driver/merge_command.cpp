#include "harness/driver/merge_command.hpp"

#include <iostream>

#include "harness/driver/error_line.hpp"
#include "harness/driver/outputs.hpp"
#include "harness/summary_json/summary_json.hpp"
#include "harness/reporters/reporters.hpp"
#include "harness/analysis/merge.hpp"
#include "harness/summary/context.hpp"

namespace lockstress {

int merge_command(const MergeCommand& command, const std::vector<std::string>& args) {
  std::vector<InputFile> inputs;
  for (const std::string& path : command.inputs) inputs.push_back({"the input", path});
  Result<OpenOutputs> outputs = open_outputs(command.outputs, inputs);
  if (!outputs) return print_error(outputs.error());
  std::vector<MergeInput> read;
  for (const std::string& path : command.inputs) {
    Result<Summary> summary = read_summary_file(path);
    if (!summary) return print_error(summary.error());
    read.push_back({path, std::move(*summary)});
  }
  Result<Summary> merged = merge_summaries(read);
  if (!merged) return print_error({"cannot merge: " + merged.error().message});

  merged->context.command = shell_join(args);
  // Inputs from different runs have no one command that repeats them; repeating the merge does.
  if (merged->context.rerun_command.empty())
    merged->context.rerun_command = merged->context.command;

  deliver(*merged, *outputs, command.quiet ? nullptr : &std::cout);
  return exit_code(*merged);
}

}  // namespace lockstress
