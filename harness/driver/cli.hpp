#pragma once

#include <string>
#include <variant>
#include <vector>

#include "harness/base/result.hpp"
#include "harness/driver/program.hpp"
#include "harness/driver/run_options.hpp"

namespace lockstress {

struct ListCommand {};
struct RunCommand {
  RunOptions options;
};
// lockstress merge: the summaries to combine, and what to write.
struct MergeCommand {
  std::vector<std::string> inputs;
  OutputPaths outputs;
  bool quiet = false;
};
// lockstress compare: the two summaries, and the p-value below which a change is significant.
struct CompareCommand {
  std::string base;
  std::string now;
  double alpha = 0.01;
};
// Text to print on stdout, then exit 0: --help, --version.
struct PrintCommand {
  std::string text;
};

using Command = std::variant<ListCommand, RunCommand, MergeCommand, CompareCommand, PrintCommand>;

// Parses the driver's command line (Boost.Program_options, against the tables of option_table.hpp).
// Checks everything that can be checked without running anything: names of cases and variants,
// ranges of counts, and, for run, what the plan must allow (run_validation.hpp). An Error is a
// usage mistake: exit 2.
Result<Command> parse_command_line(const std::vector<std::string>& args, const Program& program);

}  // namespace lockstress
