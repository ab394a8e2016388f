#pragma once

#include <cstdint>
#include <string>

#include "harness/summary/cell_plan.hpp"
#include "harness/summary/measurement.hpp"
#include "harness/summary/summary.hpp"

namespace lockstress {

// A trace hash as the model prints it and the replay command takes it: 16 lower-case hex digits.
std::string trace_hash_text(std::uint64_t hash);

// The command that runs one failing model schedule again, prints its counterexample table and
// checks its trace hash (docs/model.md, "Replay"): the summary's program, `run` with the cell's
// case, variant, threads and iterations, `--replay KEY`, the choices when recorded, and
// `--expect-hash`. Shell-quoted.
std::string replay_command(const Context& context, const CellPlan& plan,
                           const FailingSchedule& schedule);

}  // namespace lockstress
