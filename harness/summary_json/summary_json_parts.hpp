#pragma once

// The parts of harness/summary_json/summary_json.cpp's reader, one file each: each reads its part of the
// document or throws an Error naming the field (read_summary_json turns it into a Result).

#include "harness/summary_json/json_node.hpp"
#include "harness/summary/summary.hpp"

namespace lockstress::summary_json {

// context, and each merged_from[].context.
Context read_context(const Node& n);

// A variant's name, and its kind of detector (`detector`, or for a summary from before variants
// had kinds of their own, the kind its name names).
Variant read_variant(const Node& name, std::optional<Node> detector);

// results[i]: what was asked and what was measured. Its verdict and reasons are checked but not
// kept: the reader grades every cell again (grade_all), from its plan and measurement.
CellPlan read_plan(const Node& n);
Measurement read_measurement(const Node& n, const CellPlan& plan);
// results[i].schedule_stats: what a model cell's schedules did, of its `trials`.
ScheduleStats read_schedule_stats(const Node& n, std::int64_t trials);

}  // namespace lockstress::summary_json
