// lockstress::main as the driver: parses the command line, runs each cell in its variant's runner,
// grades the results, and hands the finished summary to the reporters.

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <random>

#include "harness/driver/cli.hpp"
#include "harness/driver/compare_command.hpp"
#include "harness/driver/list_command.hpp"
#include "harness/driver/output_file.hpp"
#include "harness/driver/plan.hpp"
#include "harness/driver/run_cell.hpp"
#include "harness/reporters/reporters.hpp"
#include "harness/stats/grading.hpp"
#include "harness/summary/context.hpp"
#include "harness/with_control.hpp"
#include "lockstress/lockstress.hpp"

namespace lockstress {
namespace {

std::string driver_path(const std::string& argv0) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? argv0 : self.string();
}

int run(const RunOptions& options, const std::vector<Case>& cases,
        const std::vector<std::string>& args) {
  if (!options.json_path.empty()) {
    if (std::optional<std::string> problem = check_writable(options.json_path)) {
      std::cerr << "lockstress: " << *problem << '\n';
      return kExitUsage;
    }
  }
  const std::uint64_t seed = options.seed.value_or(std::random_device{}() * 0x100000001ULL ^
                                                   std::random_device{}());
  CellSettings settings;
  settings.seed = seed;
  settings.pin = options.pin;
  settings.source_root =
      options.source_root.empty() ? std::filesystem::current_path().string() : options.source_root;
  const std::string self = driver_path(args[0]);

  Summary summary;
  summary.context = gather_context(args, seed);
  summary.context.rerun_command = shell_join(rerun_arguments(args[0], options, seed));
  for (const CellPlan& plan : plan_cells(cases, options)) {
    settings.runner_path = runner_path(self, plan.variant);
    summary.results.push_back(run_cell(plan, settings));
  }
  grade_all(summary.results);

  if (!options.quiet) write_console(summary, std::cout);
  if (!options.json_path.empty()) {
    if (auto problem = write_atomically(options.json_path,
                                        [&](std::ostream& out) { write_json(summary, out); })) {
      std::cerr << "lockstress: " << *problem << '\n';
      return kExitError;
    }
  }
  return exit_code(summary);
}

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

int main(int argc, char** argv, std::vector<Case> cases) {
  cases = with_control(std::move(cases));
  const std::vector<std::string> args(argv, argv + argc);
  if (args.size() >= 2 && args[1] == "compare") return compare_command(args);
  return std::visit(Overloaded{
                        [&](const ListCommand&) { return list_cases(cases); },
                        [&](const RunCommand& command) { return run(command.options, cases, args); },
                        [](const PrintCommand& command) {
                          std::cout << command.text;
                          return kExitPass;
                        },
                        [](const UsageError& error) {
                          std::cerr << "lockstress: " << error.message << '\n';
                          return kExitUsage;
                        },
                    },
                    parse_command_line(args, cases));
}

}  // namespace lockstress
