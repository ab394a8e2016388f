#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lockstress {

// What the sync probe saw of a lock (harness/runtime/sync_probe.hpp): the runner runs each of the
// lock's operations once, on a lock of the probe's own, and counts what its detector sees. Written
// by the runner as records (harness/protocol/protocol.hpp), read back by the driver into the cell.

// A function of a shared object that a lock operation called first.
struct SyncCall {
  std::string function;  // demangled
  std::string object;    // the shared object's path
  bool system = false;   // the C or C++ runtime, the loader
  bool operator==(const SyncCall&) const = default;
};

// One lock operation ("lock", "unlock", "lock_shared", ...): how many operations the detector
// counted in it (instrumented atomics, intercepted calls, annotations), how many of them order
// like an acquire and like a release, and the uninstrumented functions it called first.
struct OperationSync {
  std::string name;
  std::int64_t seen = 0;
  std::int64_t acquire = 0;
  std::int64_t release = 0;
  std::vector<SyncCall> calls;
  bool operator==(const OperationSync&) const = default;
};

struct SyncProbe {
  std::vector<OperationSync> operations;
  // Instrumented shared objects that were loaded: only the runner's own objects are counted, so
  // with any of these the counts are lower bounds, and an operation with none seen proves nothing.
  std::vector<std::string> instrumented_objects;
  bool operator==(const SyncProbe&) const = default;

  // Every count is exact: no instrumented shared object could have synchronised unseen.
  bool complete() const { return instrumented_objects.empty(); }
  // The operations in which the detector saw nothing at all: its synchronisation is invisible to
  // it. Empty when the probe is incomplete (it cannot tell).
  std::vector<const OperationSync*> unseen() const {
    std::vector<const OperationSync*> out;
    if (!complete()) return out;
    for (const OperationSync& op : operations) {
      if (op.seen == 0) out.push_back(&op);
    }
    return out;
  }
};

}  // namespace lockstress
