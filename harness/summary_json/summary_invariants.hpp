#pragma once

#include <string>

#include "harness/base/result.hpp"
#include "harness/summary/summary.hpp"

namespace lockstress {

// The cross-field invariants of lockstress.summary/1, which every summary lockstress writes keeps
// and which the schema (schemas/lockstress.summary-1.schema.json) and docs/json-summary.md ("The JSON
// summary") state. A summary that breaks one was edited or forged, and merge or compare would
// otherwise turn its contradiction into a verdict: a safe cell with no failed trial but 5,000
// lost updates merged to "pass". The Error names the JSON path: "results[2].lost_updates.max:
// ...". `path` is the cell's ("results[2]").
Result<void> check_cell_invariants(const CellResult& cell, const std::string& path);

// The summary's own: an interrupted summary is incomplete; a merge is complete exactly when every
// input was. The cells are checked as they are read.
Result<void> check_summary_invariants(const Summary& summary);

}  // namespace lockstress
