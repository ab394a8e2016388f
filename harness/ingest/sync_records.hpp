#pragma once

#include <string_view>

#include "harness/base/result.hpp"
#include "harness/protocol/sync_probe.hpp"

namespace lockstress {

// Adds one of the sync probe's records (sync, sync-call or sync-done, with its fields: see
// harness/protocol/protocol.hpp) to the probe being read. True once sync-done completes it; an
// Error for a malformed record, or for more entries than a lock could have.
Result<bool> add_sync_record(SyncProbe& probe, std::string_view type, std::string_view fields);

}  // namespace lockstress
