#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/protocol/sync_probe.hpp"
#include "lockstress/workload.hpp"

namespace lockstress {

// Runs each operation of the workload's lock probe once, on this thread, counting what the TSan
// runtime sees of it. nullopt when the workload has no lock, or this runner cannot count (a
// variant built without lockstress::tsan_hooks).
std::optional<SyncProbe> probe_sync(const Workload& workload);

// The probe's records (harness/protocol/protocol.hpp), in order: one `sync` per operation, a `sync-call`
// per function it called first, then `sync-done`.
void write_sync_records(const SyncProbe& probe);

}  // namespace lockstress
