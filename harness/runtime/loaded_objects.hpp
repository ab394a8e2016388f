#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace lockstress {

// A function of a shared object that the runner called through its PLT.
struct BoundCall {
  std::string function;       // demangled
  std::string object;         // the path of the shared object it is in
  bool instrumented = false;  // that object is compiled with -fsanitize=thread
  bool system = false;  // the C or C++ runtime, the loader: TSan intercepts what it must of them
};

// Whether the shared object at `path`, as loaded, imports any __tsan_* symbol: one compiled with
// -fsanitize=thread calls the runtime for every access; one without calls it for nothing.
bool object_is_instrumented(const std::string& path);

// The C library, the C++ runtime, the loader and the like, which TSan knows: it intercepts what
// of them synchronises, and their other calls do not order a lock's critical sections.
bool is_system_object(const std::string& path);

// Every shared object loaded into the process but the executable, the vDSO and the system ones,
// that is compiled with -fsanitize=thread.
std::vector<std::string> instrumented_shared_objects();

// The functions the executable calls in shared objects that are neither system ones nor
// instrumented: code of the runner that TSan cannot see into (what lockstress_add_runner's
// build-time check lists).
std::vector<BoundCall> uninstrumented_imports();

// The executable's PLT slots: with lazy binding (the TSan runner is linked with -z lazy) a slot
// is bound when its function is first called, so the slots that changed across a stretch of code
// name the functions it called for the first time, and where they live. Without lazy binding
// (LD_BIND_NOW), or when nothing new was called, newly_bound() is empty.
class PltWatch {
 public:
  PltWatch();
  // Remembers every slot's value.
  void snapshot();
  // The slots bound since snapshot(), with what they point at.
  std::vector<BoundCall> newly_bound() const;

 private:
  struct Slot {
    const std::uintptr_t* where;
    const char* symbol;
    std::uintptr_t before;
  };
  std::vector<Slot> slots_;
  // Room for what changed, allocated before any stretch of code is watched.
  mutable std::vector<std::pair<const Slot*, std::uintptr_t>> changed_;
};

}  // namespace lockstress
