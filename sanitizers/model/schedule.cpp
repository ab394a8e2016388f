#include "sanitizers/model/schedule.hpp"

#include <algorithm>
#include <climits>

#include "sanitizers/model/choice_trace.hpp"
#include "sanitizers/model/handoff.hpp"

namespace lockstress::model {
namespace {

constinit thread_local ModelThread* t_current = nullptr;
constinit thread_local bool t_inside = false;

// Virtual time advances this much per step, so that code waiting for a clock to move (a timed
// spin, a timeout) sees it move, at a pace independent of the machine.
constexpr std::int64_t kStepNs = 100;

}  // namespace

ModelThread* current_thread() { return t_inside ? nullptr : t_current; }
void set_current_thread(ModelThread* thread) { t_current = thread; }

EntryGuard::EntryGuard() noexcept : thread_(current_thread()) {
  if (thread_ != nullptr) t_inside = true;
}
EntryGuard::~EntryGuard() {
  if (thread_ != nullptr) t_inside = false;
}

Schedule::Schedule(const Options& options, std::vector<std::uint32_t> replay)
    : options_(options), chooser_(options, std::move(replay)), memory_(options.memory) {
  result_.options = options;
  if (options_.keep_events) events_.reserve(1024);
}

ModelThread& Schedule::add_thread() {
  auto thread = std::make_unique<ModelThread>();
  thread->id = static_cast<int>(threads_.size());
  thread->schedule = this;
  thread->memory.clock.set(thread->id, 1);
  chooser_.add_thread(thread->id);
  threads_.push_back(std::move(thread));
  return *threads_.back();
}

ModelThread* Schedule::find(pthread_t os) {
  for (auto& thread : threads_) {
    if (pthread_equal(thread->os, os)) return thread.get();
  }
  return nullptr;
}

std::vector<int> Schedule::runnable() const {
  std::vector<int> ids;
  for (const auto& thread : threads_) {
    if (thread->state == ThreadState::runnable) ids.push_back(thread->id);
  }
  return ids;
}

void Schedule::give(ModelThread& to) {
  current_ = to.id;
  set_and_wake(to.go);
}

void Schedule::transfer(ModelThread& from, ModelThread& to) {
  if (&from == &to) return;
  ++result_.switches;
  from.go.store(0, std::memory_order_relaxed);
  give(to);
  wait_until_set(from.go);
}

void Schedule::run() {
  const std::vector<int> ids = runnable();
  if (ids.empty()) return;
  give(thread(chooser_.pick_thread(ids, -1, false)));
  wait_until_set(done_);
}

void Schedule::end() { set_and_wake(done_); }

std::vector<std::uintptr_t> Schedule::stack_of(const ModelThread& thread, std::uintptr_t pc) const {
  std::vector<std::uintptr_t> stack;
  if (pc != 0) stack.push_back(pc);
  stack.insert(stack.end(), thread.shadow_stack.rbegin(), thread.shadow_stack.rend());
  return stack;
}

void Schedule::end_stuck(ModelThread& self) {
  for (const auto& thread : threads_) {
    if (thread->state == ThreadState::finished) continue;
    const bool running = thread->state == ThreadState::runnable;
    result_.blocked.push_back(
        BlockedThread{thread->id, running ? "running" : thread->blocked_call,
                      reinterpret_cast<std::uintptr_t>(running ? nullptr : thread->blocked_on),
                      stack_of(*thread, running ? 0 : thread->blocked_pc)});
    ++result_.parked_threads;
  }
  end();
  park_forever(self);
}

void Schedule::park_forever(ModelThread& self) {
  set_current_thread(nullptr);
  self.go.store(0, std::memory_order_relaxed);
  for (;;) wait_until_set(self.go);
}

bool Schedule::wake_timed_out() {
  bool any = false;
  for (auto& thread : threads_) {
    if (thread->state == ThreadState::blocked && thread->deadline_ns >= 0 &&
        thread->deadline_ns <= virtual_ns_) {
      thread->state = ThreadState::runnable;
      thread->timed_out = true;
      thread->blocked_on = nullptr;
      any = true;
    }
  }
  return any;
}

void Schedule::settle(ModelThread& self) {
  if (self.restore_size != 0) {
    unsigned __int128 now = 0;
    __builtin_memcpy(&now, reinterpret_cast<const void*>(self.restore_address), self.restore_size);
    // Unless something wrote there since (uninstrumented code of this thread), the latest value
    // goes back.
    if (now == self.restore_stale) {
      __builtin_memcpy(reinterpret_cast<void*>(self.restore_address), &self.restore_latest,
                       self.restore_size);
    }
    self.restore_size = 0;
  }
  if (self.pending_store >= 0) {
    unsigned __int128 value = 0;
    __builtin_memcpy(&value, reinterpret_cast<const void*>(self.pending_address),
                     self.pending_size);
    memory_.store(self.memory, self.id, self.pending_store, value, __ATOMIC_RELAXED, false, step_);
    if (self.pending_write >= 0) {
      Event& event = events_[static_cast<std::size_t>(self.pending_write)];
      event.value = value;
      event.value_known = true;
    }
    self.pending_store = -1;
    self.pending_write = -1;
  }
}

void Schedule::switch_point(ModelThread& self, bool yielding) {
  settle(self);
  ++step_;
  virtual_ns_ += kStepNs;
  if (step_ > options_.step_limit) {
    result_.livelock = true;
    end_stuck(self);
  }
  if (result_.fallbacks == 0 && step_ > options_.fair_after_steps) {
    chooser_.go_fair();
    result_.fallbacks = 1;
  }
  chooser_.step(step_, self.id);
  if (yielding) {
    chooser_.yielded(self.id);
    ++result_.yields;
  }
  wake_timed_out();
  const int next = chooser_.pick_thread(runnable(), self.id, yielding);
  transfer(self, thread(next));
}

bool Schedule::block(ModelThread& self, const char* call, const void* object,
                     std::int64_t deadline_ns, std::uintptr_t pc) {
  settle(self);
  self.state = ThreadState::blocked;
  self.blocked_call = call;
  self.blocked_on = object;
  self.deadline_ns = deadline_ns;
  self.blocked_since = ++block_sequence_;
  self.blocked_pc = pc;
  self.timed_out = false;
  Event& event = record(self, Op::block);
  event.call = call;
  for (;;) {
    wake_timed_out();
    std::vector<int> ids = runnable();
    if (ids.empty()) {
      // Every thread waits: time passes until the earliest deadline, if any.
      std::int64_t earliest = -1;
      for (const auto& thread : threads_) {
        if (thread->state == ThreadState::blocked && thread->deadline_ns >= 0 &&
            (earliest < 0 || thread->deadline_ns < earliest)) {
          earliest = thread->deadline_ns;
        }
      }
      if (earliest < 0) {
        result_.deadlock = true;
        end_stuck(self);
      }
      virtual_ns_ = std::max(virtual_ns_, earliest);
      continue;
    }
    const int next = chooser_.pick_thread(ids, self.id, false);
    std::vector<int>().swap(
        ids);  // nothing of this frame's heap may outlive a thread parked in transfer()
    transfer(self, thread(next));
    break;
  }
  self.deadline_ns = -1;
  self.blocked_call = nullptr;
  return !self.timed_out;
}

int Schedule::wake(const void* object, int count) {
  std::vector<ModelThread*> waiters;
  for (auto& thread : threads_) {
    if (thread->state == ThreadState::blocked && thread->blocked_on == object) {
      waiters.push_back(thread.get());
    }
  }
  std::sort(waiters.begin(), waiters.end(), [](const ModelThread* a, const ModelThread* b) {
    return a->blocked_since < b->blocked_since;
  });
  int woken = 0;
  while (!waiters.empty() && woken < count) {
    const std::uint32_t pick = static_cast<int>(waiters.size()) <= count - woken
                                   ? 0
                                   : chooser_.pick(static_cast<std::uint32_t>(waiters.size()));
    ModelThread* chosen = waiters[pick];
    waiters.erase(waiters.begin() + pick);
    chosen->state = ThreadState::runnable;
    chosen->blocked_on = nullptr;
    ++woken;
  }
  return woken;
}

void Schedule::finish(ModelThread& self) {
  settle(self);
  ++step_;
  record(self, Op::finish);
  self.state = ThreadState::finished;
  wake(&self, INT_MAX);  // its joiners
  for (;;) {
    wake_timed_out();
    std::vector<int> ids = runnable();
    if (!ids.empty()) {
      give(thread(chooser_.pick_thread(ids, self.id, false)));
      return;
    }
    const bool all_finished = std::all_of(threads_.begin(), threads_.end(), [](const auto& t) {
      return t->state == ThreadState::finished;
    });
    if (all_finished) {
      end();
      return;
    }
    std::int64_t earliest = -1;
    for (const auto& thread : threads_) {
      if (thread->state == ThreadState::blocked && thread->deadline_ns >= 0 &&
          (earliest < 0 || thread->deadline_ns < earliest)) {
        earliest = thread->deadline_ns;
      }
    }
    if (earliest < 0) {
      // The rest wait for something no thread will ever do: a deadlock, found as this one ends.
      result_.deadlock = true;
      for (const auto& thread : threads_) {
        if (thread->state != ThreadState::blocked) continue;
        result_.blocked.push_back(BlockedThread{
            thread->id, thread->blocked_call, reinterpret_cast<std::uintptr_t>(thread->blocked_on),
            stack_of(*thread, thread->blocked_pc)});
        ++result_.parked_threads;
      }
      end();
      return;
    }
    virtual_ns_ = std::max(virtual_ns_, earliest);
  }
}

void Schedule::uncontrolled(ModelThread& self, const char* call, std::uintptr_t pc) {
  result_.error = std::string("the model cannot control ") + call + "() (thread T" +
                  std::to_string(self.id) + "): its schedule was abandoned";
  self.blocked_call = call;
  self.blocked_pc = pc;
  self.state = ThreadState::blocked;
  end_stuck(self);
}

Event& Schedule::record(ModelThread& self, Op op) {
  // The previous event is complete now: hashed before it is dropped, so that the trace hash is
  // the same whether or not the events are kept (a replay keeps them; the trials do not).
  if (!events_.empty()) hash_.add(events_.back());
  if (!options_.keep_events) events_.clear();
  Event& event = events_.emplace_back();
  event.step = step_;
  event.thread = self.id;
  event.op = op;
  return event;
}

bool Schedule::is_spin_read(ModelThread& self, std::uintptr_t address) {
  if (self.spin_epoch != store_epoch_) {
    self.reads_since_store.clear();
    self.spin_epoch = store_epoch_;
    self.spin_reads = 0;
  }
  if (std::find(self.reads_since_store.begin(), self.reads_since_store.end(), address) !=
      self.reads_since_store.end()) {
    ++self.spin_reads;
    return true;
  }
  self.reads_since_store.push_back(address);
  return false;
}

std::uint32_t Schedule::current_stack(ModelThread& self) {
  if (self.stack_dirty) {
    self.stack_id = stacks_.intern(self.shadow_stack);
    self.stack_dirty = false;
  }
  return self.stack_id;
}

void Schedule::check_access(ModelThread& self, std::uintptr_t address, std::uint32_t size,
                            bool write, bool atomic, std::uintptr_t pc) {
  races_.access(Access{.thread = self.id,
                       .epoch = self.memory.clock.get(self.id),
                       .write = write,
                       .atomic = atomic,
                       .size = size,
                       .address = address,
                       .pc = pc,
                       .stack = current_stack(self),
                       .step = step_},
                self.memory.clock);
}

void Schedule::sleep_ns(ModelThread& self, std::int64_t ns) {
  switch_point(self, true);
  block(self, "nanosleep", nullptr, virtual_ns_ + std::max<std::int64_t>(ns, 1), 0);
}

ScheduleResult Schedule::take_result() {
  if (!events_.empty()) hash_.add(events_.back());
  if (!options_.keep_events) events_.clear();
  ScheduleResult result = std::move(result_);
  result.threads = thread_count();
  result.steps = step_;
  hash_.add_word(static_cast<std::uint64_t>(result.deadlock) |
                 static_cast<std::uint64_t>(result.livelock) << 1 |
                 static_cast<std::uint64_t>(!result.error.empty()) << 2);
  result.trace_hash = hash_.value();
  result.choices = encode_choices(chooser_.choices());
  result.replay_diverged = chooser_.replay_diverged();
  result.change_points = chooser_.change_points();
  for (const Race& race : races_.races()) {
    auto report = [&](const Access& a) {
      std::vector<std::uintptr_t> stack{a.pc};
      const auto& frames = stacks_.frames(a.stack);
      stack.insert(stack.end(), frames.rbegin(), frames.rend());
      return AccessReport{a.thread, a.write, a.atomic, a.size, a.address, a.step, std::move(stack)};
    };
    result.races.push_back(RaceReport{report(race.current), report(race.previous)});
  }
  result.location_names.resize(static_cast<std::size_t>(memory_.location_count()));
  result.events = std::move(events_);
  // Threads still waiting stay parked on their batons: their objects must outlive them.
  for (auto& thread : threads_) {
    if (thread->state != ThreadState::finished) (void)thread.release();
  }
  return result;
}

}  // namespace lockstress::model
