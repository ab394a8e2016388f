#include "harness/driver/run_validation.hpp"

#include <string>

#include "harness/driver/plan.hpp"

namespace lockstress {
namespace {

Result<void> check_case(const Case& c, const RunOptions& options,
                        const std::vector<Variant>& variants) {
  const bool selected = is_selected(options, c);
  // Each case's trials are split among the shards (the control always runs), in every variant.
  for (const Variant& variant : variants) {
    const std::int64_t trials = planned_trials(c, variant.detector, options);
    if (options.shard && (selected || c.name == kControlCase) && options.shard->count > trials) {
      return Error{
          "--shard " + std::to_string(options.shard->index) + "/" +
          std::to_string(options.shard->count) + ": " + std::to_string(trials) + " trials" +
          (options.trials ? "" : " (" + c.name + "'s in " + variant.name + ")") +
          " cannot give each of " + std::to_string(options.shard->count) + " shards a trial"};
    }
  }
  for (int threads : options.threads) {
    if (selected && (threads < c.threads.min || threads > c.threads.max)) {
      return Error{"--threads " + std::to_string(threads) + " is outside what " + c.name +
                   " allows (" + std::to_string(c.threads.min) + " to " +
                   std::to_string(c.threads.max) + ")" +
                   (options.cases.empty() ? "; name the cases to run with --case" : "")};
    }
  }
  return {};
}

}  // namespace

Result<void> check_run(const RunOptions& options, const Program& program) {
  const std::vector<Variant>& variants =
      options.variants.empty() ? program.variants : options.variants;
  for (const Case& c : program.cases) {
    if (Result<void> checked = check_case(c, options, variants); !checked) return checked;
  }
  for (const PlannedCell& planned : plan_cells(program, options)) {
    const CellPlan& cell = planned.plan;
    std::int64_t increments = 0;
    if (__builtin_mul_overflow(std::int64_t{cell.threads}, cell.iterations, &increments)) {
      return Error{std::to_string(cell.threads) + " threads x --iterations " +
                   std::to_string(cell.iterations) + " (" + cell.case_name +
                   ") is more increments per trial than a 64-bit count holds"};
    }
  }
  return {};
}

}  // namespace lockstress
