#pragma once

// The model runtime's API: run one schedule of a small concurrent program, under a controlled
// scheduler and a model of the C++ memory model, and say what happened in it.
//
// The program is code compiled with clang's -fsanitize=thread instrumentation and linked with
// this runtime instead of ThreadSanitizer's (it defines the __tsan_* entry points and interposes
// the blocking calls). Outside run_schedule, and on threads that are not the schedule's, all of
// it passes through: real atomics, real locks, no scheduling.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sanitizers/model/options.hpp"
#include "sanitizers/model/trace.hpp"

namespace lockstress::model {

// One access of a data race: who, what, where (the call stack, innermost frame first: the
// access's own pc, then each caller's call site).
struct AccessReport {
  int thread = 0;
  bool write = false;
  bool atomic = false;
  std::uint32_t size = 0;
  std::uintptr_t address = 0;
  std::int64_t step = 0;
  std::vector<std::uintptr_t> stack;
};

struct RaceReport {
  AccessReport current;
  AccessReport previous;
};

// A thread that could not go on when the schedule ended.
struct BlockedThread {
  int thread = 0;
  std::string call;  // "pthread_mutex_lock", "futex wait", ...
  std::uintptr_t object = 0;
  std::vector<std::uintptr_t> stack;  // innermost first: the call site, then its callers
};

struct ScheduleResult {
  Options options;
  int threads = 0;               // every thread the schedule ran, those the program created too
  std::int64_t steps = 0;        // switch points passed
  std::int64_t switches = 0;     // times another thread was handed the CPU
  std::int64_t fallbacks = 0;    // 1 when the step cap made the schedule fair (round-robin)
  std::int64_t yields = 0;       // spinning re-reads, sched_yield and sleeps
  std::int64_t stale_reads = 0;  // loads that read a store older than the latest
  bool deadlock = false;         // no thread could run, and some had not finished
  bool livelock = false;         // the step limit ended the schedule
  std::string error;             // a call the model cannot control; empty when none
  std::vector<BlockedThread> blocked;  // deadlock, livelock or error: who was stuck where
  std::vector<RaceReport> races;       // one per pair of code locations
  std::uint64_t trace_hash = 0;
  std::string choices;           // encode_choices(): replays the schedule (Options::replay_choices)
  bool replay_diverged = false;  // a replay met a switch point the recorded choices do not fit
  std::vector<std::int64_t> change_points;  // PCT's, from the seed
  std::vector<Event> events;                // Options::keep_events
  std::vector<std::string> location_names;  // per location number: a symbol name when known
  int parked_threads = 0;  // threads left waiting forever (deadlock, livelock, error)

  bool completed() const { return !deadlock && !livelock && error.empty(); }
};

// Runs body(0) ... body(threads - 1), each on a thread of its own, as one schedule; returns when
// every thread has finished or the schedule cannot go on (deadlock, livelock, an uncontrolled
// call). The threads of a schedule that did not complete stay parked for the life of the
// process (their stacks are still in use): a caller that runs many such schedules should start
// a fresh process now and then (see ScheduleResult::parked_threads). Not reentrant: one schedule
// at a time per process.
ScheduleResult run_schedule(const Options& options, int threads,
                            const std::function<void(int thread)>& body);

// Threads parked by every schedule so far in this process.
int parked_threads();

// True on a thread of a running schedule (the model's hooks act only there).
bool in_schedule();

}  // namespace lockstress::model
