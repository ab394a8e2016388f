#include "harness/driver/merge_command.hpp"

#include <iostream>

#include "harness/driver/error_line.hpp"
#include "harness/driver/outputs.hpp"
#include "harness/ingest/summary_json.hpp"
#include "harness/reporters/reporters.hpp"
#include "harness/stats/merge.hpp"
#include "harness/summary/context.hpp"

namespace lockstress {

int merge_command(const MergeCommand& command, const std::vector<std::string>& args) {
  if (Result<void> writable = check_outputs(command.outputs); !writable) {
    return print_error(writable.error());
  }
  std::vector<MergeInput> inputs;
  for (const std::string& path : command.inputs) {
    Result<Summary> summary = read_summary_file(path);
    if (!summary) return print_error(summary.error());
    inputs.push_back({path, std::move(*summary)});
  }
  Result<Summary> merged = merge_summaries(inputs);
  if (!merged) return print_error({"cannot merge: " + merged.error().message});

  merged->context.command = shell_join(args);
  // Inputs from different runs have no one command that repeats them; repeating the merge does.
  if (merged->context.rerun_command.empty())
    merged->context.rerun_command = merged->context.command;

  if (!command.quiet) write_console(*merged, std::cout);
  bool written = true;
  for (const Error& problem : write_outputs(*merged, command.outputs)) {
    print_error(problem);
    written = false;
  }
  return written ? exit_code(*merged) : kExitError;
}

}  // namespace lockstress
