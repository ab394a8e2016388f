#include "harness/driver/list_command.hpp"

#include <algorithm>
#include <iostream>
#include <optional>

#include "harness/driver/case_defaults.hpp"
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

std::string defaults_text(const CaseDefaults& d) {
  return std::to_string(d.threads) + "x" + std::to_string(d.iterations) + ", " +
         std::to_string(d.trials) + " trials";
}

// "2x10000, 100 trials; model 2x3, 300 trials": what `run` does with a case when the command line
// does not say, in the first variant's kind, then in each kind that differs from it.
std::string defaults_text(const Case& c, const std::vector<Variant>& variants) {
  std::string out;
  std::vector<Detector> said;
  std::optional<CaseDefaults> first;
  for (const Variant& variant : variants) {
    if (std::find(said.begin(), said.end(), variant.detector) != said.end()) continue;
    said.push_back(variant.detector);
    const CaseDefaults d = case_defaults(c, variant.detector);
    if (!first) {
      first = d;
      out = defaults_text(d);
    } else if (d != *first) {
      out += "; " + std::string(variant.info().name) + " " + defaults_text(d);
    }
  }
  return out;
}

}  // namespace

int list_cases(const Program& program) {
  // No header line: scripts read the first word of each line as a case name. The defaults start
  // with a digit but are text, aligned left like the rest.
  std::vector<std::vector<std::string>> rows;
  for (const Case& c : program.cases) {
    std::string description = c.description;
    if (c.threads.min > 1 || c.threads.max < kMaxThreads) {
      description +=
          " [threads " + std::to_string(c.threads.min) + "-" + std::to_string(c.threads.max) + "]";
    }
    if (!c.runs_by_default) description += " [only with --case: can hang here, see docs/cases.md]";
    rows.push_back(
        {c.name, expectation_text(c.expect), defaults_text(c, program.variants), description});
  }
  print_table(rows, std::cout, NumberAlignment::left);
  return kExitPass;
}

}  // namespace lockstress
