// The model on whole programs: lost updates, races, deadlocks, replay, the blocking calls.
// Compiled with -fsanitize=thread, linked with the model runtime.

#include <gtest/gtest.h>
#include <pthread.h>
#include <semaphore.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "harness/ingest/tsan_report.hpp"
#include "lockstress/unlocked_increment.hpp"
#include "sanitizers/model/model.hpp"
#include "sanitizers/model/report_text.hpp"
#include "tests/model/outcomes.hpp"

namespace lockstress::model {
namespace {

using testing::with;

constexpr int kIterations = 3;

std::int64_t counter;

template <std::memory_order kLock, std::memory_order kUnlock>
struct TasLock {
  std::atomic_flag flag = ATOMIC_FLAG_INIT;
  void lock() {
    while (flag.test_and_set(kLock)) {
    }
  }
  void unlock() { flag.clear(kUnlock); }
};

TasLock<std::memory_order_relaxed, std::memory_order_relaxed> relaxed_lock;
TasLock<std::memory_order_acquire, std::memory_order_release> good_lock;

void unguarded(int) {
  for (int i = 0; i < kIterations; ++i) unlocked_increment(counter);
}

template <class Lock>
void guarded_by(Lock& lock) {
  for (int i = 0; i < kIterations; ++i) {
    lock.lock();
    unlocked_increment(counter);
    lock.unlock();
  }
}

void relaxed_guarded(int) { guarded_by(relaxed_lock); }
void good_guarded(int) { guarded_by(good_lock); }

struct Tally {
  int lost = 0;  // schedules whose count came out short
  int raced = 0;
  int first_lost = 0;  // the first seed that lost an update
};

Tally run(Options options, int schedules, void (*body)(int), int threads = 2) {
  Tally tally;
  for (int seed = 1; seed <= schedules; ++seed) {
    options.seed = static_cast<std::uint64_t>(seed);
    options.keep_events = false;
    counter = 0;
    relaxed_lock.flag.clear();
    good_lock.flag.clear();
    ScheduleResult result = run_schedule(options, threads, body);
    EXPECT_TRUE(result.completed()) << result.error;
    if (counter != threads * kIterations) {
      ++tally.lost;
      if (tally.first_lost == 0) tally.first_lost = seed;
    }
    if (!result.races.empty()) ++tally.raced;
  }
  return tally;
}

TEST(Schedule, TheUnsafeCounterLosesUpdatesAndRacesUnderEveryStrategyAndMemory) {
  for (Strategy strategy : {Strategy::pct, Strategy::random}) {
    for (Memory memory : {Memory::sc, Memory::c11}) {
      Tally tally = run(with(strategy, memory, 20), 100, unguarded);
      EXPECT_GT(tally.lost, 0) << to_string(strategy) << "/" << to_string(memory);
      EXPECT_LE(tally.first_lost, 20) << to_string(strategy) << "/" << to_string(memory);
      EXPECT_EQ(tally.raced, 100) << to_string(strategy) << "/" << to_string(memory);
    }
  }
}

TEST(Schedule, ARelaxedTestAndSetLockLosesUpdatesUnderC11ButNotUnderSc) {
  for (Strategy strategy : {Strategy::pct, Strategy::random}) {
    Tally sc = run(with(strategy, Memory::sc, 40), 200, relaxed_guarded);
    EXPECT_EQ(sc.lost, 0) << to_string(strategy);
    EXPECT_EQ(sc.raced, 200) << "no happens-before between holders: a race in every schedule";
    Tally c11 = run(with(strategy, Memory::c11, 40), 200, relaxed_guarded);
    EXPECT_GT(c11.lost, 0) << to_string(strategy);
  }
}

TEST(Schedule, AnAcquireReleaseLockLosesNothingAndDoesNotRace) {
  for (Strategy strategy : {Strategy::pct, Strategy::random}) {
    Tally tally = run(with(strategy, Memory::c11, 40), 300, good_guarded, 3);
    EXPECT_EQ(tally.lost, 0) << to_string(strategy);
    EXPECT_EQ(tally.raced, 0) << to_string(strategy);
  }
}

TEST(Schedule, ReplayFromTheSeedAndFromTheChoicesReproducesTheTraceHash) {
  Options options = with(Strategy::random, Memory::c11, 40);
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    options.seed = seed;
    counter = 0;
    ScheduleResult first = run_schedule(options, 2, relaxed_guarded);
    const std::int64_t first_count = counter;
    counter = 0;
    ScheduleResult again = run_schedule(options, 2, relaxed_guarded);
    EXPECT_EQ(again.trace_hash, first.trace_hash) << "seed " << seed;
    EXPECT_EQ(counter, first_count);
    Options replay = with(Strategy::pct, Memory::c11, 7);  // strategy and seed do not matter
    replay.replay_choices = first.choices;
    counter = 0;
    ScheduleResult replayed = run_schedule(replay, 2, relaxed_guarded);
    EXPECT_FALSE(replayed.replay_diverged);
    EXPECT_EQ(replayed.trace_hash, first.trace_hash) << "seed " << seed;
    EXPECT_EQ(counter, first_count);
  }
}

// The runner's trials keep no events and a replay keeps them all (docs/model.md, "Replay"): the
// hash must not depend on it. It did: without events, only the last event was hashed, so that
// different schedules of one program shared a hash.
TEST(Schedule, TheTraceHashIsTheSameWhetherOrNotTheEventsAreKept) {
  std::set<std::uint64_t> hashes;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Options options = with(Strategy::pct, Memory::c11, 40);
    options.seed = seed;
    options.keep_events = false;
    counter = 0;
    const ScheduleResult bare = run_schedule(options, 2, relaxed_guarded);
    options.keep_events = true;
    counter = 0;
    const ScheduleResult kept = run_schedule(options, 2, relaxed_guarded);
    EXPECT_EQ(bare.trace_hash, kept.trace_hash) << "seed " << seed;
    EXPECT_EQ(bare.choices, kept.choices) << "seed " << seed;
    hashes.insert(bare.trace_hash);
  }
  EXPECT_GT(hashes.size(), 5u);
}

TEST(Schedule, DifferentSeedsMakeDifferentSchedules) {
  std::set<std::uint64_t> hashes;
  Options options = with(Strategy::random, Memory::c11);
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    options.seed = seed;
    counter = 0;
    hashes.insert(run_schedule(options, 2, unguarded).trace_hash);
  }
  EXPECT_GT(hashes.size(), 10u);
}

TEST(Schedule, TheRaceReportReadsAsThreadSanitizersForTheHarnessParser) {
  Options options = with(Strategy::random, Memory::sc);
  options.seed = 3;
  counter = 0;
  ScheduleResult result = run_schedule(options, 2, unguarded);
  ASSERT_FALSE(result.races.empty());
  const std::string text = race_text(result.races.front(), result);
  std::optional<SanitizerReport> report = parse_tsan_report(text, LOCKSTRESS_SOURCE_DIR);
  ASSERT_TRUE(report) << text;
  EXPECT_EQ(report->kind, "data race");
  ASSERT_FALSE(report->locations.empty()) << text;
  // The first frame in the program's own code: unguarded(), past unlocked_increment().
  EXPECT_EQ(report->locations.front().file, "tests/model/schedule_test.cpp") << text;
  EXPECT_NE(report->locations.front().function.find("unguarded"), std::string::npos) << text;
}

TEST(Schedule, TheCounterexampleNamesTheStoresLoadsRead) {
  Options options = with(Strategy::random, Memory::c11);
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    options.seed = seed;
    counter = 0;
    relaxed_lock.flag.clear();
    ScheduleResult result = run_schedule(options, 2, relaxed_guarded);
    if (counter == 2 * kIterations) continue;
    const std::string table = counterexample_text(result);
    EXPECT_NE(table.find("not the latest"), std::string::npos) << table;
    EXPECT_NE(table.find("rmw relaxed"), std::string::npos) << table;
    // Globals are named, through llvm-symbolizer (demangled).
    EXPECT_NE(table.find("counter"), std::string::npos) << table;
    EXPECT_NE(table.find("relaxed_lock"), std::string::npos) << table;
    std::printf("%s", table.c_str());
    return;
  }
  FAIL() << "no schedule of 50 lost an update";
}

// Two mutexes taken in opposite orders by two threads at once.
pthread_mutex_t first_mutex = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t second_mutex = PTHREAD_MUTEX_INITIALIZER;

void opposite_orders(int thread) {
  pthread_mutex_t* outer = thread == 0 ? &first_mutex : &second_mutex;
  pthread_mutex_t* inner = thread == 0 ? &second_mutex : &first_mutex;
  pthread_mutex_lock(outer);
  pthread_mutex_lock(inner);
  unlocked_increment(counter);
  pthread_mutex_unlock(inner);
  pthread_mutex_unlock(outer);
}

TEST(Schedule, TwoMutexesInOppositeOrdersDeadlockInSomeScheduleWithBothBlockedCalls) {
  Options options = with(Strategy::random, Memory::c11);
  int deadlocks = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    options.seed = seed;
    ScheduleResult result = run_schedule(options, 2, opposite_orders);
    if (!result.deadlock) {
      EXPECT_TRUE(result.completed());
      continue;
    }
    ++deadlocks;
    ASSERT_EQ(result.blocked.size(), 2u);
    EXPECT_EQ(result.blocked[0].call, "pthread_mutex_lock");
    EXPECT_EQ(result.blocked[1].call, "pthread_mutex_lock");
    EXPECT_EQ(result.parked_threads, 2);
    const std::string text = blocked_text(result);
    EXPECT_NE(text.find("opposite_orders"), std::string::npos) << text;
  }
  EXPECT_GT(deadlocks, 0);
  EXPECT_LT(deadlocks, 40);
}

// Blocking calls the model schedules: std::mutex and condition_variable, std::thread, POSIX
// semaphores and C++20 atomic wait (a futex).
std::mutex mutex;
std::condition_variable ready_cv;
bool ready = false;
sem_t semaphore;
std::atomic<int> flag;

void handshakes(int thread) {
  if (thread == 0) {
    {
      std::lock_guard lock(mutex);
      ready = true;
    }
    ready_cv.notify_one();
    sem_post(&semaphore);
    flag.store(1, std::memory_order_release);
    flag.notify_one();
  } else {
    {
      std::unique_lock lock(mutex);
      ready_cv.wait(lock, [] { return ready; });
    }
    sem_wait(&semaphore);
    flag.wait(0, std::memory_order_acquire);
    std::thread child([] { unlocked_increment(counter); });
    child.join();
    unlocked_increment(counter);
  }
}

TEST(Schedule, MutexesConditionVariablesSemaphoresAtomicWaitAndThreadsAreModelled) {
  for (Strategy strategy : {Strategy::pct, Strategy::random}) {
    Options options = with(strategy, Memory::c11, 30);
    for (std::uint64_t seed = 1; seed <= 100; ++seed) {
      options.seed = seed;
      ready = false;
      counter = 0;
      flag.store(0);
      sem_init(&semaphore, 0, 0);
      ScheduleResult result = run_schedule(options, 2, handshakes);
      ASSERT_TRUE(result.completed())
          << "seed " << seed << ": " << result.error << (result.deadlock ? " (deadlock)" : "");
      EXPECT_EQ(result.threads, 3);
      EXPECT_EQ(counter, 2);
      EXPECT_TRUE(result.races.empty()) << race_text(result.races.front(), result);
      sem_destroy(&semaphore);
    }
  }
}

// A spinning waiter under PCT: the spin heuristic must let the thread it waits for run.
std::atomic<bool> go_ahead;
void spin_until_set(int thread) {
  if (thread == 0) {
    while (!go_ahead.load(std::memory_order_acquire)) {
    }
  } else {
    go_ahead.store(true, std::memory_order_release);
  }
}

TEST(Schedule, ASpinLoopYieldsInsteadOfStarvingTheThreadItWaitsFor) {
  Options options = with(Strategy::pct, Memory::c11, 20);
  options.fair_after_steps = 1'000'000;  // no fallback: the heuristic alone
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    options.seed = seed;
    go_ahead.store(false);
    ScheduleResult result = run_schedule(options, 2, spin_until_set);
    EXPECT_TRUE(result.completed());
    EXPECT_EQ(result.fallbacks, 0);
    EXPECT_LT(result.steps, 100) << "seed " << seed;
  }
}

TEST(Schedule, CodeOutsideASchedulePassesThrough) {
  EXPECT_FALSE(in_schedule());
  std::atomic<int> a{1};
  EXPECT_EQ(a.fetch_add(1), 1);
  int expected = 2;
  EXPECT_TRUE(a.compare_exchange_strong(expected, 5));
  std::mutex m;
  m.lock();
  EXPECT_FALSE(m.try_lock());
  m.unlock();
  std::thread t([&] { a.store(7); });
  t.join();
  EXPECT_EQ(a.load(), 7);
}

TEST(Schedule, AnUncontrolledBlockingCallEndsTheScheduleNamingIt) {
  Options options = with(Strategy::random, Memory::c11);
  ScheduleResult result = run_schedule(options, 1, [](int) {
    pthread_barrier_t barrier;
    pthread_barrier_init(&barrier, nullptr, 1);
    pthread_barrier_wait(&barrier);
  });
  EXPECT_FALSE(result.completed());
  EXPECT_NE(result.error.find("pthread_barrier_wait"), std::string::npos) << result.error;
}

}  // namespace
}  // namespace lockstress::model
