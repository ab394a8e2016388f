#include <pthread.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sanitizers/model/choice_trace.hpp"
#include "sanitizers/model/handoff.hpp"
#include "sanitizers/model/model.hpp"
#include "sanitizers/model/real.hpp"
#include "sanitizers/model/schedule.hpp"

LOCKSTRESS_MODEL_INTERCEPTOR(pthread_create);
LOCKSTRESS_MODEL_INTERCEPTOR(pthread_join);

namespace lockstress::model {
namespace {

std::atomic<bool> g_running{false};
std::atomic<int> g_parked{0};

void* worker_main(void* argument) {
  ModelThread& self = *static_cast<ModelThread*>(argument);
  set_current_thread(&self);
  wait_until_set(self.go);
  try {
    (*self.body)(self.id);
  } catch (...) {
    if (self.schedule->result().error.empty()) {
      self.schedule->result().error =
          "thread T" + std::to_string(self.id) + "'s work ended with an exception";
    }
  }
  set_current_thread(nullptr);
  self.schedule->finish(self);
  return nullptr;
}

}  // namespace

ScheduleResult run_schedule(const Options& options, int threads,
                            const std::function<void(int thread)>& body) {
  if (g_running.exchange(true)) {
    std::fputs("lockstress model: run_schedule called while a schedule runs\n", stderr);
    std::abort();
  }
  std::vector<std::uint32_t> replay;
  bool undecodable = false;
  if (!options.replay_choices.empty()) {
    std::optional<std::vector<std::uint32_t>> decoded = decode_choices(options.replay_choices);
    undecodable = !decoded;
    if (decoded) replay = std::move(*decoded);
  }
  Schedule schedule(options, std::move(replay));
  for (int i = 0; i < threads; ++i) {
    ModelThread& thread = schedule.add_thread();
    thread.body = &body;
    if (int error =
            LOCKSTRESS_MODEL_REAL(pthread_create)(&thread.os, nullptr, &worker_main, &thread)) {
      std::fprintf(stderr, "lockstress model: cannot start a thread (error %d)\n", error);
      std::abort();
    }
  }
  schedule.run();
  // The schedule's own threads that finished are joined; the rest stay parked for good. Threads
  // the program created are joined by the program, or were detached.
  for (int i = 0; i < threads; ++i) {
    ModelThread& thread = schedule.thread(i);
    if (thread.state == ThreadState::finished) {
      LOCKSTRESS_MODEL_REAL(pthread_join)(thread.os, nullptr);
    } else {
      pthread_detach(thread.os);
    }
  }
  ScheduleResult result = schedule.take_result();
  if (undecodable) result.replay_diverged = true;
  g_parked += result.parked_threads;
  g_running = false;
  return result;
}

int parked_threads() { return g_parked.load(); }

bool in_schedule() { return current_thread() != nullptr; }

}  // namespace lockstress::model
