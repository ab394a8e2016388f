#include "harness/driver/list_command.hpp"

#include <algorithm>
#include <iostream>

#include "harness/driver/run_options.hpp"
#include "harness/protocol/detectors.hpp"
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
  const int threads = c.defaults.threads > 0
                          ? c.defaults.threads
                          : std::clamp(kDefaultThreads, c.threads.min, c.threads.max);
  const std::int64_t iterations =
      c.defaults.iterations > 0 ? c.defaults.iterations : kDefaultIterations;
  const std::int64_t trials = c.defaults.trials > 0 ? c.defaults.trials : kDefaultTrials;
  return std::to_string(threads) + "x" + std::to_string(iterations) + ", " +
         std::to_string(trials) + " trials";
}

}  // namespace

int list_cases(const std::vector<Case>& cases) {
  // No header line: scripts read the first word of each line as a case name.
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
  std::vector<std::size_t> width(4, 0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  for (const auto& row : rows) {
    for (std::size_t i = 0; i + 1 < row.size(); ++i) {
      std::cout << row[i] << std::string(width[i] - row[i].size() + 2, ' ');
    }
    std::cout << row.back() << '\n';
  }
  return kExitPass;
}

}  // namespace lockstress
