#include <charconv>

#include "harness/summary_json/summary_json_parts.hpp"

namespace lockstress::summary_json {
namespace {

std::uint64_t read_hash(const Node& n) {
  const std::string text = n.text();
  std::uint64_t hash = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), hash, 16);
  if (text.size() != 16 || ec != std::errc() || ptr != text.data() + text.size()) {
    n.fail("expected 16 hex digits");
  }
  return hash;
}

}  // namespace

ScheduleStats read_schedule_stats(const Node& n, std::int64_t trials) {
  ScheduleStats m;
  m.schedules = n.at("schedules").integer(0, trials);
  const Node steps = n.at("steps"), switches = n.at("switches");
  m.max_steps = steps.at("max").integer();
  m.max_switches = switches.at("max").integer();
  if (steps.has("median")) m.median_steps = steps.at("median").number();
  if (switches.has("median")) m.median_switches = switches.at("median").number();
  if (m.median_steps && !(*m.median_steps >= 0 && *m.median_steps <= double(m.max_steps))) {
    steps.at("median").fail("is not within 0 and max");
  }
  if (m.median_switches &&
      !(*m.median_switches >= 0 && *m.median_switches <= double(m.max_switches))) {
    switches.at("median").fail("is not within 0 and max");
  }
  m.fallbacks = n.at("fallbacks").integer(0, m.schedules);
  m.failing = n.at("failing_schedules").integer(0, m.schedules);
  const std::vector<Node> failing = n.at("first_failing").items();
  if (failing.size() > ScheduleStats::kKeptFailing || failing.size() > std::size_t(m.failing)) {
    n.at("first_failing").fail("holds more schedules than it keeps or than failed");
  }
  for (const Node& f : failing) {
    FailingSchedule s;
    s.trial = f.at("trial").integer();
    s.seed = f.at("seed").unsigned_integer();
    s.replay_key = f.at("replay_key").text();
    if (s.replay_key.empty()) f.at("replay_key").fail("is empty");
    s.choices = f.at("choices").text();
    s.trace_hash = read_hash(f.at("trace_hash"));
    s.lost_updates = f.at("lost_updates").integer(INT64_MIN);
    s.torn_reads = f.at("torn_reads").integer();
    s.reports = static_cast<int>(f.at("reports").integer(0, INT32_MAX));
    s.deadlock = f.at("deadlock").boolean();
    // Derived from the rest and the summary's program: rewritten, never trusted.
    (void)f.at("replay_command").text();
    m.first_failing.push_back(std::move(s));
  }
  return m;
}

}  // namespace lockstress::summary_json
