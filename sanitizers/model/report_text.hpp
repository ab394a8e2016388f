#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sanitizers/model/model.hpp"

namespace lockstress::model {

// "function file:line:col" for each pc (return addresses: the call instruction is looked up),
// inlined frames expanded, through llvm-symbolizer (LLVM_SYMBOLIZER_PATH, else on PATH); a pc it
// cannot name is printed as "<unknown> (module+0xoffset)".
std::vector<std::string> symbolize(const std::vector<std::uintptr_t>& stack);

// A data race in ThreadSanitizer's text form, which lockstress's report parser reads
// (harness/ingest/tsan_report.cpp): the WARNING line, both accesses with their stacks, and a
// line naming the schedule that found it.
std::string race_text(const RaceReport& race, const ScheduleResult& schedule);

// Each stuck thread, its call and its stack: what a deadlock (or livelock, or uncontrolled call)
// looked like when the schedule ended.
std::string blocked_text(const ScheduleResult& schedule);

// A deadlock in ThreadSanitizer's text form, which lockstress's report parser reads as a report
// of kind "deadlock" at the first stuck thread's call site: the WARNING line, a line naming the
// schedule that found it, and blocked_text.
std::string deadlock_text(const ScheduleResult& schedule);

// Names each location of the schedule's events after the global it lies in ("counter",
// "flag+4"), or "#N at 0x..." for heap and stack locations.
void name_locations(ScheduleResult& schedule);

// The readable counterexample: the schedule's replay key, steps, hand-offs, trace hash and
// choices, then every event as a table (counterexample_table), ending at what went wrong.
std::string counterexample_text(ScheduleResult& schedule);

}  // namespace lockstress::model
