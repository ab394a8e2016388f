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
// Text to print on stdout, then exit 0: --help, --version.
struct PrintCommand {
  std::string text;
};

using Command = std::variant<ListCommand, RunCommand, MergeCommand, PrintCommand>;

// Parses the driver's command line (Boost.Program_options). Checks everything that can be checked
// without running anything: names of cases and variants, ranges of counts, thread limits. An
// Error is a usage mistake: exit 2.
Result<Command> parse_command_line(const std::vector<std::string>& args, const Program& program);

// The command line that repeats a run: every choice spelled out, the seed included.
std::vector<std::string> rerun_arguments(const std::string& program, const RunOptions& options,
                                         std::uint64_t seed);

}  // namespace lockstress
