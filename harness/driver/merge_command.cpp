#include "harness/driver/merge_command.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "harness/driver/outputs.hpp"
#include "harness/ingest/summary_json.hpp"
#include "harness/reporters/reporters.hpp"
#include "harness/stats/merge.hpp"
#include "harness/summary/context.hpp"

namespace lockstress {
namespace {

std::optional<std::string> read_file(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot read (" + std::strerror(errno) + ")";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

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
    std::optional<std::string> text = read_file(path, error);
    if (!text) return usage_error(error);
    std::optional<Summary> summary = read_summary_json(*text, error);
    if (!summary) return usage_error(path + ": " + error);
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
