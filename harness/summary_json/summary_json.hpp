#pragma once

#include <string>
#include <string_view>

#include "harness/base/result.hpp"
#include "harness/summary/summary.hpp"

namespace lockstress {

// Reads a summary written by write_json (schema lockstress.summary/1) back into a Summary, for the
// commands that combine or compare summaries. Nothing in the file is trusted: a malformed or
// truncated document, another schema, a missing or mistyped field, or counts that contradict each
// other (more failed trials than trials) give an Error naming the field. Rates and intervals are
// recomputed from the counts, and every cell graded again (grade_all), never taken from the file.
Result<Summary> read_summary_json(std::string_view text);

// The same for the file at `path`; the Error then begins with the path.
Result<Summary> read_summary_file(const std::string& path);

}  // namespace lockstress
