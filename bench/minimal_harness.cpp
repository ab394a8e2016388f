// The least a harness can do per trial, to measure lockstress's trial cost against (issue 9):
// two persistent threads pinned to two CPUs, released by a spinning round counter, the same
// unlocked increment as unsafe_counter, a spinning finish line, the count checked. No records, no
// driver, no start-line phases, no timestamps, no sleeping: it burns both CPUs for its whole run.
//
//   minimal_harness [--iterations N] [--trials N]
//
// Prints trials, failing trials and the process's CPU time (getrusage: both threads), and the
// CPU time per failing trial, on one line.

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "lockstress/unlocked_increment.hpp"

namespace {

struct alignas(64) Counter {
  std::int64_t value = 0;
};

struct alignas(64) Line {
  std::atomic<std::uint64_t> value{0};
};

Counter counter;
Line round_started;   // bumped by the main thread to release a round
Line round_finished;  // set by the helper to the round it finished

void pin(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

void relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t iterations = 1000;
  std::int64_t trials = 200000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--iterations") == 0) iterations = std::atoll(argv[i + 1]);
    if (std::strcmp(argv[i], "--trials") == 0) trials = std::atoll(argv[i + 1]);
  }
  const double start = cpu_seconds();
  std::thread helper([&] {
    pin(1);
    for (std::uint64_t round = 1; round <= static_cast<std::uint64_t>(trials); ++round) {
      while (round_started.value.load(std::memory_order_acquire) != round) relax();
      for (std::int64_t i = 0; i < iterations; ++i) lockstress::unlocked_increment(counter.value);
      round_finished.value.store(round, std::memory_order_release);
    }
  });
  pin(0);
  std::int64_t failed = 0;
  for (std::uint64_t round = 1; round <= static_cast<std::uint64_t>(trials); ++round) {
    counter.value = 0;
    round_started.value.store(round, std::memory_order_release);
    for (std::int64_t i = 0; i < iterations; ++i) lockstress::unlocked_increment(counter.value);
    while (round_finished.value.load(std::memory_order_acquire) != round) relax();
    if (counter.value != 2 * iterations) ++failed;
  }
  helper.join();
  const double cpu = cpu_seconds() - start;
  std::printf("trials=%lld failed=%lld cpu_seconds=%.4f us_cpu_per_failing_trial=%.3f\n",
              static_cast<long long>(trials), static_cast<long long>(failed), cpu,
              failed > 0 ? cpu * 1e6 / static_cast<double>(failed) : 0.0);
  return 0;
}
