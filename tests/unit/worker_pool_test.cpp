#include "harness/runtime/worker_pool.hpp"

#include <gtest/gtest.h>
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "harness/runtime/placement.hpp"

namespace lockstress {
namespace {

TEST(WorkerPool, RunsEveryWorkerExactlyOncePerRound) {
  constexpr int kThreads = 4;
  WorkerPool pool(std::vector<int>(kThreads, -1));
  std::vector<std::atomic<int>> calls(kThreads);
  const std::function<void(int)> job = [&](int worker) { calls[worker].fetch_add(1); };
  for (int round = 1; round <= 500; ++round) {
    pool.run_round(job);
    for (int worker = 0; worker < kThreads; ++worker) ASSERT_EQ(calls[worker].load(), round);
  }
}

TEST(WorkerPool, ReleasesWorkersTogether) {
  // Every worker waits inside its job until all have arrived: a pool that ran them one after
  // another would never finish this round.
  constexpr int kThreads = 3;
  WorkerPool pool(std::vector<int>(kThreads, -1));
  std::atomic<int> arrived{0};
  const std::function<void(int)> job = [&](int) {
    arrived.fetch_add(1);
    while (arrived.load() < kThreads) std::this_thread::yield();
  };
  pool.run_round(job);
  EXPECT_EQ(arrived.load(), kThreads);
}

// The start line's second phase: no worker begins a round's job before every worker of the pool
// has been released and checked in, even one that slept at the release (block) or waits for a
// CPU (more threads than CPUs). Without the check-in, a worker woken from its futex began tens of
// microseconds after the others (docs/start-line.md). The job sees it in the pool's own count.
TEST(WorkerPool, NoWorkerBeginsBeforeEveryWorkerCheckedIn) {
  const int cpus = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (StartLine start : kAllStartLines) {
    for (int threads : {2, 2 * cpus + 1}) {
      WorkerPool pool(std::vector<int>(static_cast<std::size_t>(threads), -1),
                      wait_policy(start, threads, cpus));
      std::atomic<int> early{0};
      std::uint64_t round = 0;
      const std::function<void(int)> job = [&](int) {
        if (pool.checked_in() < round * static_cast<std::uint64_t>(threads)) early.fetch_add(1);
      };
      for (round = 1; round <= 200; ++round) pool.run_round(job);
      EXPECT_EQ(early.load(), 0) << to_string(start) << ", " << threads << " threads";
    }
  }
}

TEST(WorkerPool, KeepsGoingWithMoreThreadsThanCpus) {
  const int threads = 4 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  WorkerPool pool(std::vector<int>(static_cast<std::size_t>(threads), -1));
  std::atomic<long> total{0};
  const std::function<void(int)> job = [&](int worker) { total.fetch_add(worker + 1); };
  for (int round = 0; round < 300; ++round) pool.run_round(job);
  EXPECT_EQ(total.load(), 300L * threads * (threads + 1) / 2);
}

TEST(WorkerPool, EveryStartLineRunsEveryRoundFullyEvenOversubscribed) {
  const int cpus = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (StartLine start : kAllStartLines) {
    for (int threads : {2, 2 * cpus + 1}) {
      WorkerPool pool(std::vector<int>(static_cast<std::size_t>(threads), -1),
                      wait_policy(start, threads, cpus));
      std::atomic<long> total{0};
      const std::function<void(int)> job = [&](int worker) { total.fetch_add(worker + 1); };
      for (int round = 1; round <= 200; ++round) {
        pool.run_round(job);
        // The finish line: every worker's job is done when run_round returns.
        ASSERT_EQ(total.load(), round * long{threads} * (threads + 1) / 2) << to_string(start);
      }
    }
  }
}

// The threads of this process, from /proc.
std::size_t threads_of_this_process() {
  const std::filesystem::directory_iterator tasks("/proc/self/task");
  return static_cast<std::size_t>(std::distance(begin(tasks), end(tasks)));
}

// In a child process whose address space leaves room for one more thread stack, not two: the
// pool's second helper cannot start. Exits 0 when the constructor threw and left no thread
// behind; the helper it had started used to keep running, with pointers into the unwound pool.
[[noreturn]] void start_a_pool_without_room_for_its_threads() {
  constexpr std::size_t kStack = 16 << 20;
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, kStack);
  if (pthread_setattr_default_np(&attributes) != 0) _exit(10);
  unsigned long pages = 0;
  if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%lu", &pages) != 1) pages = 0;
    std::fclose(statm);
  }
  if (pages == 0) _exit(11);
  rlimit saved{};
  getrlimit(RLIMIT_AS, &saved);
  rlimit room = saved;
  room.rlim_cur = pages * static_cast<rlim_t>(sysconf(_SC_PAGESIZE)) + kStack * 3 / 2;
  if (setrlimit(RLIMIT_AS, &room) != 0) _exit(12);
  std::string what;
  try {
    WorkerPool pool(std::vector<int>(4, -1));
    _exit(13);  // every thread started: the limit did not bite
  } catch (const std::runtime_error& error) {
    what = error.what();
  }
  setrlimit(RLIMIT_AS, &saved);
  if (what.rfind("cannot start a worker thread: ", 0) != 0) _exit(14);
  _exit(threads_of_this_process() == 1 ? 0 : 15);
}

TEST(WorkerPool, AThreadThatCannotStartLeavesNoneOfTheOthersRunning) {
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  GTEST_SKIP() << "a sanitizer's shadow memory takes more address space than RLIMIT_AS leaves";
#endif
#endif
  // qemu-user maps the guest's memory itself: RLIMIT_AS does not leave the guest room for exactly
  // one stack (the test failed under the cross preset, 2026-12-03).
  if (std::getenv("LOCKSTRESS_EMULATOR")) GTEST_SKIP() << "not meaningful under qemu-user";
  EXPECT_EXIT(start_a_pool_without_room_for_its_threads(), ::testing::ExitedWithCode(0), "");
}

TEST(WorkerPool, HybridSpinsLessWhenThreadsOutnumberCpus) {
  EXPECT_EQ(wait_policy(StartLine::hybrid, 2, 2).spin_checks, kSpinChecks);
  EXPECT_EQ(wait_policy(StartLine::hybrid, 5, 2).spin_checks, kOversubscribedSpinChecks);
  EXPECT_EQ(parse_start_line("spin"), StartLine::spin);
  EXPECT_EQ(parse_start_line("fast"), std::nullopt);
}

TEST(WorkerPool, RunsPlainFunctionJobs) {
  WorkerPool pool(std::vector<int>(3, -1));
  std::atomic<int> calls{0};
  pool.run_round([](void* context, int) { static_cast<std::atomic<int>*>(context)->fetch_add(1); },
                 &calls);
  EXPECT_EQ(calls.load(), 3);
}

TEST(WorkerPool, ASingleThreadPoolRunsOnTheCaller) {
  WorkerPool pool({-1});
  std::thread::id ran_on;
  const std::function<void(int)> job = [&](int) { ran_on = std::this_thread::get_id(); };
  pool.run_round(job);
  EXPECT_EQ(ran_on, std::this_thread::get_id());
}

TEST(WorkerPool, SpreadPinsEachWorkerToItsCpu) {
  const std::vector<int> allowed = allowed_cpus();
  ASSERT_FALSE(allowed.empty());
  const std::vector<int> plan = plan_placement(Pin::spread, 3, allowed);
  EXPECT_EQ(plan[0], allowed[0]);
  EXPECT_EQ(plan[2], allowed[2 % allowed.size()]);
  std::vector<int> ran_on(3, -2);
  {
    // The pool pins the calling thread as worker 0: do it on a thread of its own.
    std::thread owner([&] {
      WorkerPool pool(plan);
      EXPECT_EQ(pool.pinned_cpus(), plan);
      const std::function<void(int)> job = [&](int worker) { ran_on[worker] = sched_getcpu(); };
      pool.run_round(job);
    });
    owner.join();
  }
  EXPECT_EQ(ran_on, plan);
}

TEST(WorkerPool, PlacementNoneLeavesEveryWorkerUnpinned) {
  EXPECT_EQ(plan_placement(Pin::none, 2, {0, 1}), (std::vector<int>{-1, -1}));
  EXPECT_EQ(plan_placement(Pin::spread, 2, {}), (std::vector<int>{-1, -1}));
  EXPECT_EQ(plan_placement(Pin::spread, 5, {4, 6}), (std::vector<int>{4, 6, 4, 6, 4}));
}

}  // namespace
}  // namespace lockstress
