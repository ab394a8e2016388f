#include "harness/summary/summary.hpp"

#include <algorithm>

namespace lockstress {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass:
      return "pass";
    case Verdict::fail:
      return "fail";
    case Verdict::inconclusive:
      return "inconclusive";
    case Verdict::error:
      return "error";
  }
  return "?";
}

std::string_view to_string(TrialFault::Kind kind) {
  switch (kind) {
    case TrialFault::Kind::hung:
      return "hung";
    case TrialFault::Kind::crashed:
      return "crashed";
  }
  return "?";
}

bool ran_unusual_trials(const Context& context) {
  const Context defaults;
  return context.start_line != defaults.start_line || context.perturb != defaults.perturb;
}

bool ran_stopping_rule(const Context& context) { return context.stopping.any(); }

int exit_code(const Summary& summary) {
  if (summary.interrupted_by > 0) return 128 + summary.interrupted_by;
  if (!summary.unwritten_outputs.empty()) return kExitOutput;
  auto any = [&](Verdict verdict) {
    return std::any_of(summary.results.begin(), summary.results.end(),
                       [&](const CellResult& cell) { return cell.grade.verdict == verdict; });
  };
  if (any(Verdict::fail)) return kExitFail;
  if (any(Verdict::error)) return kExitError;
  if (any(Verdict::inconclusive)) return kExitInconclusive;
  return kExitPass;
}

}  // namespace lockstress
