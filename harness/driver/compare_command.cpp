#include "harness/driver/compare_command.hpp"

#include <iostream>

#include "harness/driver/error_line.hpp"
#include "harness/summary_json/summary_json.hpp"
#include "harness/reporters/comparison_reporter.hpp"
#include "harness/analysis/comparison.hpp"

namespace lockstress {

int compare_command(const CompareCommand& command) {
  Result<Summary> base = read_summary_file(command.base);
  if (!base) return print_error(base.error());
  Result<Summary> now = read_summary_file(command.now);
  if (!now) return print_error(now.error());
  Result<Comparison> comparison = compare_summaries(*base, *now, command.alpha);
  if (!comparison) {
    return print_error({command.base + " and " + command.now + ": " + comparison.error().message});
  }
  write_comparison(*comparison, *base, command.base, *now, command.now, std::cout);
  return comparison->any_safe_got_worse() ? kExitFail : kExitPass;
}

}  // namespace lockstress
