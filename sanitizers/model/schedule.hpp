#pragma once

#include <pthread.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "sanitizers/model/memory_model.hpp"
#include "sanitizers/model/model.hpp"
#include "sanitizers/model/race_detector.hpp"
#include "sanitizers/model/strategy.hpp"
#include "sanitizers/model/sync_objects.hpp"
#include "sanitizers/model/trace.hpp"

namespace lockstress::model {

class Schedule;

enum class ThreadState { runnable, blocked, finished };

// A thread of a schedule: an OS thread that runs only while it holds the schedule's baton.
struct ModelThread {
  int id = 0;
  Schedule* schedule = nullptr;
  // The baton: 1 while this thread may run. Waited on with a futex (see handoff.hpp).
  std::atomic<std::uint32_t> go{0};
  ThreadState state = ThreadState::runnable;
  // While blocked: in which call, on which object, until which virtual time (-1: no limit),
  // and the order it started waiting in (wake-ups pick among waiters).
  const char* blocked_call = nullptr;
  const void* blocked_on = nullptr;
  std::int64_t deadline_ns = -1;
  std::uint64_t blocked_since = 0;
  std::uintptr_t blocked_pc = 0;
  bool timed_out = false;

  ThreadMemory memory;
  std::vector<std::uintptr_t> shadow_stack;  // call sites, outermost first
  bool stack_dirty = true;
  int ignore = 0;  // __tsan_ignore_thread_begin depth: accesses are not checked for races
  std::uint32_t stack_id = 0;

  // Spin detection: the locations read since the last store anywhere (store_epoch).
  std::uint64_t spin_epoch = ~std::uint64_t{0};
  std::vector<std::uintptr_t> reads_since_store;
  int spin_reads = 0;
  // A plain write's value is known only at this thread's next step: its event and location.
  std::int64_t pending_write = -1;
  int pending_store = -1;
  std::uintptr_t pending_address = 0;
  std::uint32_t pending_size = 0;
  // A plain read that read an older store: memory holds that store's value until this thread's
  // next step, then the latest value again.
  std::uintptr_t restore_address = 0;
  std::uint32_t restore_size = 0;
  unsigned __int128 restore_stale = 0;
  unsigned __int128 restore_latest = 0;

  // Its work: body(index) for the schedule's own threads, start(arg) for pthread_create's.
  const std::function<void(int)>* body = nullptr;
  void* (*start)(void*) = nullptr;
  void* arg = nullptr;
  void* result = nullptr;
  pthread_t os{};
  bool detached = false;
  bool joined = false;
};

// The running schedule's state. Only the thread holding the baton touches it (hand-offs order
// every access), so it takes no lock.
class Schedule {
 public:
  Schedule(const Options& options, std::vector<std::uint32_t> replay);

  ModelThread& add_thread();
  ModelThread* find(pthread_t os);
  ModelThread& thread(int id) { return *threads_[static_cast<std::size_t>(id)]; }
  int thread_count() const { return static_cast<int>(threads_.size()); }

  // The caller's side: hands the baton to the first thread, waits for the schedule to end.
  void run();

  // Every operation of a schedule's thread starts here: the scheduler may run other threads
  // before it returns. `yielding`: the thread is waiting for another (a spin, sched_yield).
  void switch_point(ModelThread& self, bool yielding = false);
  // Waits until woken (wake) or, with a deadline, until virtual time reaches it. Returns false
  // on timeout.
  bool block(ModelThread& self, const char* call, const void* object, std::int64_t deadline_ns,
             std::uintptr_t pc);
  // Makes up to `count` threads blocked on `object` runnable; which ones is a choice. Returns
  // how many.
  int wake(const void* object, int count);
  // The thread's work is done; its OS thread exits after this returns.
  void finish(ModelThread& self);
  // A call the model cannot schedule: the schedule ends with an error naming it, and `self`
  // parks forever.
  [[noreturn]] void uncontrolled(ModelThread& self, const char* call, std::uintptr_t pc);

  Event& record(ModelThread& self, Op op);
  // Settles what the thread's last plain access left open: records a plain write's store, puts
  // the latest value back after a stale plain read. Every step starts with it.
  void settle(ModelThread& self);
  bool is_spin_read(ModelThread& self, std::uintptr_t address);
  void stored() { ++store_epoch_; }
  std::uint32_t current_stack(ModelThread& self);
  void check_access(ModelThread& self, std::uintptr_t address, std::uint32_t size, bool write,
                    bool atomic, std::uintptr_t pc);

  std::int64_t now_ns() const { return virtual_ns_; }
  void sleep_ns(ModelThread& self, std::int64_t ns);

  const Options& options() const { return options_; }
  Chooser& chooser() { return chooser_; }
  MemoryModel& memory() { return memory_; }
  SyncObjects& sync() { return sync_; }
  std::int64_t step() const { return step_; }
  std::vector<Event>& events() { return events_; }
  ScheduleResult& result() { return result_; }
  // The finished result; the schedule is done with.
  ScheduleResult take_result();

 private:
  std::vector<int> runnable() const;
  void transfer(ModelThread& from, ModelThread& to);
  void give(ModelThread& to);
  void end();
  [[noreturn]] void end_stuck(ModelThread& self);
  [[noreturn]] void park_forever(ModelThread& self);
  bool wake_timed_out();
  std::vector<std::uintptr_t> stack_of(const ModelThread& thread, std::uintptr_t pc) const;

  Options options_;
  Chooser chooser_;
  MemoryModel memory_;
  RaceDetector races_;
  SyncObjects sync_;
  Stacks stacks_;
  std::vector<std::unique_ptr<ModelThread>> threads_;
  int current_ = -1;
  std::int64_t step_ = 0;
  std::int64_t virtual_ns_ = 0;
  std::uint64_t store_epoch_ = 0;
  std::uint64_t block_sequence_ = 0;
  std::vector<Event> events_;
  TraceHash hash_;
  ScheduleResult result_;
  std::atomic<std::uint32_t> done_{0};
};

// The calling thread's model thread while it runs a schedule's work; null elsewhere, and null
// while the thread is inside an entry point (see EntryGuard).
ModelThread* current_thread();
void set_current_thread(ModelThread* thread);

// An entry point's hold on the calling thread's model thread: while one lives, the thread runs
// the runtime's own code, and every entry point it reaches passes through as outside a schedule.
// It must: the linker keeps one copy of each inline function, and the copy it keeps (of
// std::string's constructor, say) may be the program's instrumented one, whose __tsan_* calls
// would otherwise land in the middle of a switch (found by ASan in Schedule::end_stuck). Code of
// the program's that an entry point calls back (oneTBB's wait condition) runs outside one.
class EntryGuard {
 public:
  EntryGuard() noexcept;
  ~EntryGuard();
  EntryGuard(const EntryGuard&) = delete;
  EntryGuard& operator=(const EntryGuard&) = delete;

  // Null when the thread is on no schedule, or was inside the runtime already.
  operator ModelThread*() const noexcept { return thread_; }
  ModelThread* operator->() const noexcept { return thread_; }
  ModelThread& operator*() const noexcept { return *thread_; }

 private:
  ModelThread* thread_;
};

}  // namespace lockstress::model
