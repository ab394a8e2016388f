#pragma once

#include <string>

#include "harness/stats/statistics.hpp"
#include "harness/summary/cell_plan.hpp"
#include "harness/summary/measurement.hpp"

namespace lockstress {

struct Context;

// "100%", "12%", "1.5%", "0.03%": enough digits to tell the number, no more.
std::string format_percent(double fraction);

// "37% [31%, 44%]", or "0% [0, 1.5%]" for a one-sided bound.
std::string format_rate(const Rate& rate);

// "1.02", "13", "inf": a max/min ratio.
std::string format_ratio(double ratio);

// "2 CPUs", "1 CPU"; a merge of inputs from machines with different counts has 0: "CPUs that
// differ by input" (each input's count is listed beside it).
std::string format_cpus(int cpus);

// "2 CPUs (Test CPU), x86_64, Linux 6.1, clang 14.0.6": where a summary's numbers were measured,
// as every report's header and every merged input's line says it (google/benchmark's
// PrintBasicContext). Raw text: each reporter escapes it for its format.
std::string format_platform(const Context& context);

// "3/200 trials"
std::string format_count(std::int64_t events, std::int64_t trials);

// How long a duration is, for people: "850 ns", "4.4 µs", "1.2 ms".
std::string format_ns(double ns);

// "locked_counter/tsan": how every report names a cell's case and variant.
std::string cell_label(const CellPlan& plan);

// "2x100000": a cell's threads x iterations.
std::string point_label(const CellPlan& plan);

// Where a sanitizer report was seen: "3/200 trials", or "the runner's start-up or exit" for one
// printed outside any trial.
std::string where_seen(const UniqueReport& report, std::int64_t trials);

}  // namespace lockstress
