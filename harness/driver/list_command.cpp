#include "harness/driver/list_command.hpp"

#include <iostream>

#include "harness/driver/plan.hpp"
#include "harness/driver/run_options.hpp"
#include "harness/protocol/detectors.hpp"
#include "harness/reporters/text_table.hpp"
#include "harness/summary/summary.hpp"

namespace lockstress {
namespace {

std::string expectation_text(const Expect& expect) {
  if (!expect.race) return "safe";
  return "race, caught by " +
         (expect.caught_by.empty() ? std::string("neither") : detector_names(expect.caught_by));
}

// "5x100000, 200 trials": what `run` does with a case when the command line does not say.
std::string defaults_text(const Case& c) {
  return std::to_string(default_threads(c)) + "x" + std::to_string(default_iterations(c)) + ", " +
         std::to_string(default_trials(c)) + " trials";
}

}  // namespace

int list_cases(const std::vector<Case>& cases) {
  // No header line: scripts read the first word of each line as a case name. The defaults start
  // with a digit but are text, aligned left like the rest.
  std::vector<std::vector<std::string>> rows;
  for (const Case& c : cases) {
    std::string description = c.description;
    if (c.threads.min > 1 || c.threads.max < kMaxThreads) {
      description +=
          " [threads " + std::to_string(c.threads.min) + "-" + std::to_string(c.threads.max) + "]";
    }
    if (!c.runs_by_default) description += " [only with --case: can hang here, see docs/cases.md]";
    rows.push_back({c.name, expectation_text(c.expect), defaults_text(c), description});
  }
  print_table(rows, std::cout, NumberAlignment::left);
  return kExitPass;
}

}  // namespace lockstress
