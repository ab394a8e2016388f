#include "harness/summary/model_words.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "harness/summary/replay_command.hpp"

namespace lockstress {
namespace {

std::string spread(const char* what, const std::optional<double>& median, std::int64_t max) {
  if (!median) return what + std::string(" at most ") + std::to_string(max);
  char text[96];
  std::snprintf(text, sizeof text, "%s median %g (max %lld)", what, *median,
                static_cast<long long>(max));
  return text;
}

std::string what_failed(const FailingSchedule& f) {
  if (f.deadlock) return "deadlocked";
  if (f.lost_updates != 0) {
    return "lost " + std::to_string(f.lost_updates) +
           (f.lost_updates == 1 ? " update" : " updates");
  }
  if (f.torn_reads != 0) {
    return std::to_string(f.torn_reads) + (f.torn_reads == 1 ? " torn read" : " torn reads");
  }
  return std::to_string(f.reports) + (f.reports == 1 ? " report" : " reports");
}

}  // namespace

std::vector<std::string> model_lines(const Context& context, const CellResult& cell) {
  if (!cell.measured.schedule_stats) return {};
  const ScheduleStats& m = *cell.measured.schedule_stats;
  std::vector<std::string> out{"schedules: " + spread("steps", m.median_steps, m.max_steps) + ", " +
                               spread("hand-offs", m.median_switches, m.max_switches) + ", " +
                               std::to_string(m.fallbacks) +
                               (m.fallbacks == 1 ? " fair fallback" : " fair fallbacks")};
  if (!m.first_failing.empty()) {
    // A lost update, torn read or deadlock shows more than a race alone: the first kept one.
    auto shown =
        std::find_if(m.first_failing.begin(), m.first_failing.end(), [](const FailingSchedule& f) {
          return f.deadlock || f.lost_updates != 0 || f.torn_reads != 0;
        });
    const FailingSchedule& first =
        shown == m.first_failing.end() ? m.first_failing.front() : *shown;
    out.push_back("replay trial " + std::to_string(first.trial) + " (" + what_failed(first) +
                  ", trace " + trace_hash_text(first.trace_hash) +
                  "): " + replay_command(context, cell.plan, first));
  }
  return out;
}

}  // namespace lockstress
