#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lockstress::model {

enum class Op : std::uint8_t {
  load,
  store,
  rmw,       // exchange, fetch_*, successful compare-exchange
  cas_fail,  // a compare-exchange that failed: a load
  fence,
  plain_read,
  plain_write,
  call,   // an intercepted call (pthread_mutex_lock, sem_post, futex wait, ...)
  block,  // the call made the thread wait
  spawn,
  finish,
};

std::string_view to_string(Op op);

// One step of a schedule, as the counterexample table shows it.
struct Event {
  std::int64_t step = 0;
  int thread = 0;
  Op op = Op::load;
  std::uint8_t order = 0;      // memory order (__ATOMIC_*), atomics and fences only
  std::uint32_t size = 0;      // bytes accessed
  std::int32_t location = -1;  // the schedule's own numbering, in order of first access
  std::uintptr_t address = 0;
  unsigned __int128 value = 0;  // read (loads) or written (stores; RMWs: written)
  bool value_known = true;      // a plain write's value is read at the thread's next step
  // Loads: which store of the location this read, as an index into its history (0: the value
  // the location had when the schedule first touched it), the store's thread and step.
  std::int32_t read_from = -1;
  int read_from_thread = -1;
  std::int64_t read_from_step = -1;
  bool stale = false;          // read a store older than the latest (a weak-memory read)
  const char* call = nullptr;  // Op::call / Op::block: the intercepted function
};

// FNV-1a over what identifies a schedule: each step's thread, operation, memory order, size,
// location number and the store each load read. Not values or addresses: pointers stored in
// atomics and the addresses of heap objects differ between processes, and the rest determines
// the values anyway.
class TraceHash {
 public:
  void add(const Event& event);
  void add_word(std::uint64_t word);
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

std::string hex(std::uint64_t value);

// The events as a table: step, thread, operation, location, value read or written, which store
// a load read. `names` maps location numbers to a name (may be shorter than the location count).
std::string counterexample_table(const std::vector<Event>& events,
                                 const std::vector<std::string>& names);

}  // namespace lockstress::model
