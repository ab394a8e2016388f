#include "harness/runtime/sync_probe.hpp"

#include <memory>

#include "harness/runtime/loaded_objects.hpp"
#include "harness/runtime/record_writer.hpp"

// Defined by lockstress::tsan_hooks (sanitizers/tsan_sync_count.cpp) in a runner that counts;
// null in one that does not.
extern "C" {
__attribute__((weak)) void lockstress_sync_count_begin();
__attribute__((weak)) void lockstress_sync_count_end(long* seen, long* acquire, long* release);
}

namespace lockstress {

std::optional<SyncProbe> probe_sync(const Workload& workload) {
  if (lockstress_sync_count_begin == nullptr || lockstress_sync_count_end == nullptr) {
    return std::nullopt;
  }
  std::unique_ptr<LockProbe> lock = workload.lock_probe();
  if (!lock) return std::nullopt;
  SyncProbe probe;
  const std::vector<std::string> names = lock->operations();
  PltWatch plt;
  for (std::size_t i = 0; i < names.size(); ++i) {
    OperationSync operation;
    operation.name = names[i];
    long seen = 0, acquire = 0, release = 0;
    plt.snapshot();
    lockstress_sync_count_begin();
    lock->run(i);
    lockstress_sync_count_end(&seen, &acquire, &release);
    operation.seen = seen;
    operation.acquire = acquire;
    operation.release = release;
    // A function in an instrumented object is seen where it synchronises (if the counts miss it,
    // instrumented_objects says so); the others are what TSan does not see.
    for (BoundCall& call : plt.newly_bound()) {
      if (!call.instrumented) {
        operation.calls.push_back(
            SyncCall{std::move(call.function), std::move(call.object), call.system});
      }
    }
    probe.operations.push_back(std::move(operation));
  }
  probe.instrumented_objects = instrumented_shared_objects();
  return probe;
}

void write_sync_records(const SyncProbe& probe) {
  for (const OperationSync& operation : probe.operations) {
    write_sync_record(operation.name, operation.seen, operation.acquire, operation.release);
    for (const SyncCall& call : operation.calls) {
      write_sync_call_record(operation.name, call.object, call.system, call.function);
    }
  }
  write_sync_done_record(probe.instrumented_objects);
}

}  // namespace lockstress
