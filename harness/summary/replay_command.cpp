#include "harness/summary/replay_command.hpp"

#include <cinttypes>
#include <cstdio>
#include <vector>

#include "harness/summary/context.hpp"

namespace lockstress {

std::string trace_hash_text(std::uint64_t hash) {
  char text[17];
  std::snprintf(text, sizeof text, "%016" PRIx64, hash);
  return text;
}

std::string replay_command(const Context& context, const CellPlan& plan,
                           const FailingSchedule& schedule) {
  std::vector<std::string> words{context.program, "run",
                                 "--case",        plan.case_name,
                                 "--variant",     plan.variant.name,
                                 "--threads",     std::to_string(plan.threads),
                                 "--iterations",  std::to_string(plan.iterations),
                                 "--replay",      schedule.replay_key};
  if (!schedule.choices.empty()) {
    words.push_back("--replay-choices");
    words.push_back(schedule.choices);
  }
  words.push_back("--expect-hash");
  words.push_back(trace_hash_text(schedule.trace_hash));
  return shell_join(words);
}

}  // namespace lockstress
