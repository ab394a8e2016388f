#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "harness/protocol/trial_record.hpp"

namespace lockstress {

// Each record is one write(2) of one line to stderr, or, given a ring (use_record_ring), one
// line put in it: the sanitizer writes its reports to the same file descriptor, and a single
// write of a short line is never split by another writer. A trial's record is written as soon as
// the trial ends, never held back in a batch: a trial that crashes or hangs later must not take
// finished trials with it (the driver batches its reads instead; see
// harness/driver/child_process.cpp).
void write_trial_record(const TrialRecord& record);
// From now on every record is put in the ring in the shared memory object `fd` (the driver's
// --record-ring-fd, harness/protocol/record_ring.hpp) instead of written to stderr; where it
// cannot be mapped, records stay on stderr.
void use_record_ring(int fd);
// `restart`: ended early to free what the runner holds; the driver starts another (protocol.hpp).
void write_end_record(std::int64_t trials, bool restart = false);
// The case threw out of trial `index`: `what` is cut to one line of at most 1,000 bytes.
void write_exception_record(std::int64_t index, std::uint64_t seed, std::string_view what);
// Where the workers run: `pin` as asked, and each worker's CPU (-1: not pinned).
void write_placement_record(std::string_view pin, const std::vector<int>& cpus);
// How the model runner draws its schedules, and PCT's n, k and d (protocol.hpp, `model`).
void write_model_record(std::string_view strategy, std::string_view memory, int threads,
                        std::int64_t steps, int depth);
// The sync probe's records (harness/runtime/sync_probe.hpp).
void write_sync_record(std::string_view operation, std::int64_t seen, std::int64_t acquire,
                       std::int64_t release);
void write_sync_call_record(std::string_view operation, std::string_view object, bool system,
                            std::string_view function);
void write_sync_done_record(const std::vector<std::string>& instrumented_objects);

}  // namespace lockstress
