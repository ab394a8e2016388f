// The baseline lockstress is measured against: the loop people write by hand. Every trial spawns
// its threads, joins them, and checks the count; no start line, no pinning, no reuse.
//
//   naive_loop --hand unsafe|locked --threads N --iterations N --trials N
//       the increments written out here: unlocked_increment(), alone or under a std::mutex
//   naive_loop --case NAME --threads N --iterations N --trials N
//       any case of the catalogue, through its Workload, so that every race case has a baseline
//   --pin spread: each thread pins itself to the (t mod CPUs)-th usable CPU, as lockstress's
//       workers are pinned: the same loop with the same placement, to tell harness overhead from
//       the effect of placement.
//
// Prints "trials=N failed=K seconds=S" (S: wall time of the trials) on stdout.

#include <pthread.h>
#include <sched.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cases/catalogue.hpp"
#include "lockstress/unlocked_increment.hpp"
#include "lockstress/workload.hpp"

namespace {

struct Options {
  std::string hand;  // "unsafe" or "locked"; empty: use `case_name`
  std::string case_name;
  int threads = 2;
  std::int64_t iterations = 1000;
  std::int64_t trials = 1;
  bool pin = false;
};

std::vector<int> usable_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  std::vector<int> cpus;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
      if (CPU_ISSET(cpu, &set)) cpus.push_back(cpu);
    }
  }
  return cpus;
}

const std::vector<int> kCpus = usable_cpus();

void pin_thread(const Options& o, int t) {
  if (!o.pin || kCpus.empty()) return;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(kCpus[static_cast<std::size_t>(t) % kCpus.size()], &set);
  pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

struct alignas(64) Counter {
  std::int64_t value = 0;
};

// One trial of the hand-written loop: returns whether the count came out wrong.
bool hand_trial(bool locked, const Options& o) {
  Counter counter;
  std::mutex mutex;
  std::vector<std::thread> threads;
  for (int t = 0; t < o.threads; ++t) {
    threads.emplace_back([&, t] {
      pin_thread(o, t);
      for (std::int64_t i = 0; i < o.iterations; ++i) {
        if (locked) {
          std::lock_guard<std::mutex> guard(mutex);
          lockstress::unlocked_increment(counter.value);
        } else {
          lockstress::unlocked_increment(counter.value);
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  return counter.value != o.threads * o.iterations;
}

bool case_trial(lockstress::Workload& workload, const Options& o) {
  workload.reset();
  std::vector<std::thread> threads;
  for (int t = 0; t < o.threads; ++t) {
    threads.emplace_back([&, t] {
      pin_thread(o, t);
      workload.run(t, o.iterations);
    });
  }
  for (std::thread& thread : threads) thread.join();
  return workload.count() != o.threads * o.iterations;
}

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const char* value = argv[i + 1];
    if (key == "--hand") {
      o.hand = value;
    } else if (key == "--case") {
      o.case_name = value;
    } else if (key == "--threads") {
      o.threads = std::atoi(value);
    } else if (key == "--iterations") {
      o.iterations = std::atoll(value);
    } else if (key == "--trials") {
      o.trials = std::atoll(value);
    } else if (key == "--pin") {
      if (std::strcmp(value, "spread") != 0 && std::strcmp(value, "none") != 0) return false;
      o.pin = std::strcmp(value, "spread") == 0;
    } else {
      return false;
    }
  }
  const bool hand_ok = o.hand == "unsafe" || o.hand == "locked";
  return argc % 2 == 1 && (hand_ok || (o.hand.empty() && !o.case_name.empty())) && o.threads > 0 &&
         o.iterations > 0 && o.trials > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) {
    std::fprintf(stderr,
                 "usage: naive_loop (--hand unsafe|locked | --case NAME) --threads N "
                 "--iterations N --trials N [--pin spread|none]\n");
    return 2;
  }
  std::unique_ptr<lockstress::Workload> workload;
  if (o.hand.empty()) {
    for (const lockstress::Case& c : lockstress::builtin_cases()) {
      if (c.name == o.case_name) workload = c.make_workload(o.threads);
    }
    if (!workload) {
      std::fprintf(stderr, "naive_loop: no case named '%s'\n", o.case_name.c_str());
      return 2;
    }
  }
  std::int64_t failed = 0;
  const auto start = std::chrono::steady_clock::now();
  for (std::int64_t trial = 0; trial < o.trials; ++trial) {
    const bool wrong = workload ? case_trial(*workload, o) : hand_trial(o.hand == "locked", o);
    if (wrong) ++failed;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("trials=%lld failed=%lld seconds=%.6f\n", static_cast<long long>(o.trials),
              static_cast<long long>(failed), seconds);
  return 0;
}
