// The model runtime's benchmark (issue 11): the built-in cases' own workloads, compiled with the
// model's instrumentation, run as schedules through lockstress::model::run_schedule. Prints
// Markdown tables: schedules per second, schedules to first detection (median and p90 over seed
// streams), failures of the safe locks over many schedules, and replay of every first detection.
//
//   lockstress_model_bench [--streams N] [--max N] [--clean N] [--quick]
//   lockstress_model_bench --find CASE STRATEGY/MEMORY   (a counterexample, printed)

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cases/catalogue.hpp"
#include "cases/spin_wait.hpp"
#include "lockstress/lock_case.hpp"
#include "sanitizers/model/model.hpp"
#include "sanitizers/model/report_text.hpp"

#if __has_include(<oneapi/tbb/spin_mutex.h>)
#include <oneapi/tbb/spin_mutex.h>
#define LOCKSTRESS_HAVE_TBB 1
#endif
#if __has_include(<boost/smart_ptr/detail/spinlock.hpp>)
#include <boost/smart_ptr/detail/spinlock.hpp>
#define LOCKSTRESS_HAVE_BOOST 1
#endif

namespace lockstress {
namespace {

using model::Memory;
using model::Options;
using model::ScheduleResult;
using model::Strategy;

// Two broken locks the benchmark needs beyond the built-in cases.
// A ticket lock with every operation relaxed: mutual exclusion holds, nothing is ordered.
class RelaxedTicketLock {
 public:
  void lock() {
    const std::uint32_t ticket = next_.fetch_add(1, std::memory_order_relaxed);
    for (SpinWait wait; serving_.load(std::memory_order_relaxed) != ticket;) wait.once();
  }
  void unlock() {
    serving_.store(serving_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }

 private:
  std::atomic<std::uint32_t> next_{0};
  std::atomic<std::uint32_t> serving_{0};
};

// Check, then set: two threads can both see the lock free before either sets it.
class CheckThenSetLock {
 public:
  void lock() {
    for (SpinWait wait; locked_.load();) wait.once();
    locked_.store(true);
  }
  void unlock() { locked_.store(false); }

 private:
  std::atomic<bool> locked_{false};
};

struct BenchBoostSpinlock {
#ifdef LOCKSTRESS_HAVE_BOOST
  boost::detail::spinlock lock_ = BOOST_DETAIL_SPINLOCK_INIT;
  void lock() { lock_.lock(); }
  void unlock() { lock_.unlock(); }
#endif
};

std::vector<Case> bench_cases() {
  std::vector<Case> cases = builtin_cases();
  cases.push_back(
      lock_case<RelaxedTicketLock>("ticket_lock_relaxed", "relaxed ticket lock", Expect::safe));
  cases.push_back(lock_case<CheckThenSetLock>("check_then_set", "check-then-set", Expect::safe));
#ifdef LOCKSTRESS_HAVE_TBB
  cases.push_back(lock_case<tbb::spin_mutex>("tbb_spin_mutex", "oneTBB spin_mutex", Expect::safe));
#endif
#ifdef LOCKSTRESS_HAVE_BOOST
  cases.push_back(
      lock_case<BenchBoostSpinlock>("boost_spinlock", "boost::detail::spinlock", Expect::safe));
#endif
  return cases;
}

const Case& find(const std::vector<Case>& cases, const std::string& name) {
  for (const Case& c : cases) {
    if (c.name == name) return c;
  }
  std::fprintf(stderr, "model_bench: no case %s\n", name.c_str());
  std::exit(2);
}

struct Outcome {
  ScheduleResult result;
  bool lost = false;
};

// One schedule of `workload` at threads x iterations.
Outcome schedule(Workload& workload, const Options& options, int threads, std::int64_t iterations) {
  workload.reset();
  Outcome outcome;
  outcome.result =
      model::run_schedule(options, threads, [&](int thread) { workload.run(thread, iterations); });
  outcome.lost = outcome.result.completed() && workload.count() != threads * iterations;
  return outcome;
}

// PCT's k, as a runner would set it: the steps of one schedule of the workload.
std::int64_t measured_steps(Workload& workload, Options options, int threads,
                            std::int64_t iterations) {
  options.strategy = Strategy::random;
  options.seed = 0x5eed;
  options.keep_events = false;
  return std::max<std::int64_t>(1, schedule(workload, options, threads, iterations).result.steps);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void throughput(const std::vector<Case>& cases, double budget) {
  std::printf("\n### Schedules per second (2 threads)\n\n");
  std::printf(
      "| case | threads x iterations | strategy | memory | schedules/s | steps | "
      "hand-offs | us per hand-off (upper bound) |\n|---|---|---|---|---|---|---|---|\n");
  for (const char* name : {"spinlock", "unsafe_counter"}) {
    const Case& c = find(cases, name);
    for (std::int64_t iterations : {3, 100}) {
      for (Strategy strategy : {Strategy::pct, Strategy::random}) {
        for (Memory memory : {Memory::sc, Memory::c11}) {
          std::unique_ptr<Workload> workload = c.make_workload(2);
          Options options;
          options.strategy = strategy;
          options.memory = memory;
          options.keep_events = false;
          options.pct_steps = measured_steps(*workload, options, 2, iterations);
          std::int64_t n = 0, steps = 0, switches = 0;
          const auto start = std::chrono::steady_clock::now();
          while (seconds_since(start) < budget) {
            options.seed = static_cast<std::uint64_t>(++n);
            const Outcome o = schedule(*workload, options, 2, iterations);
            steps += o.result.steps;
            switches += o.result.switches;
          }
          const double elapsed = seconds_since(start);
          std::printf("| %s | 2 x %lld | %s | %s | %.0f | %.0f | %.1f | %.1f |\n", name,
                      static_cast<long long>(iterations), to_string(strategy).data(),
                      to_string(memory).data(), n / elapsed, double(steps) / n,
                      double(switches) / n, switches ? elapsed * 1e6 / switches : 0.0);
        }
      }
    }
  }
}

struct Detection {
  std::vector<std::int64_t> lost;   // per stream: schedules until the first lost update (0: none)
  std::vector<std::int64_t> raced;  // per stream: until the first race report
  std::int64_t replays = 0, replays_matched = 0;
  double seconds = 0;
};

std::string quantiles(std::vector<std::int64_t> v, std::int64_t cap) {
  std::int64_t missed = 0;
  std::vector<std::int64_t> found;
  for (std::int64_t x : v) {
    if (x == 0) {
      ++missed;
    } else {
      found.push_back(x);
    }
  }
  if (found.empty()) return "none in " + std::to_string(cap) + " (all streams) | -";
  std::sort(found.begin(), found.end());
  // Streams that found nothing count as the largest: the median and p90 are over every stream.
  std::vector<std::int64_t> all = found;
  all.insert(all.end(), static_cast<std::size_t>(missed), cap + 1);
  std::sort(all.begin(), all.end());
  auto at = [&](double q) {
    const std::int64_t x = all[static_cast<std::size_t>(q * (all.size() - 1) + 0.5)];
    return x > cap ? ">" + std::to_string(cap) : std::to_string(x);
  };
  std::string out = at(0.5) + " | " + at(0.9);
  if (missed) out += " (" + std::to_string(missed) + " streams found none)";
  return out;
}

void detection(const std::vector<Case>& cases, int streams, std::int64_t cap) {
  std::printf(
      "\n### Schedules to first detection (2 threads x 3 iterations, %d seed streams, "
      "at most %lld schedules each)\n\n",
      streams, static_cast<long long>(cap));
  std::printf(
      "| case | strategy | memory | lost update: median | p90 | race report: median | "
      "p90 | replays reproducing the trace hash | seconds |\n"
      "|---|---|---|---|---|---|---|---|---|\n");
  for (const char* name : {"unsafe_counter", "spinlock_relaxed", "peterson_acq_rel",
                           "ticket_lock_relaxed", "check_then_set", "split_rmw_relaxed"}) {
    const Case& c = find(cases, name);
    for (Strategy strategy : {Strategy::pct, Strategy::random}) {
      for (Memory memory : {Memory::sc, Memory::c11}) {
        std::unique_ptr<Workload> workload = c.make_workload(2);
        Options options;
        options.strategy = strategy;
        options.memory = memory;
        options.pct_steps = measured_steps(*workload, options, 2, 3);
        Detection d;
        const auto start = std::chrono::steady_clock::now();
        for (int stream = 0; stream < streams; ++stream) {
          std::int64_t lost = 0, raced = 0;
          for (std::int64_t i = 1; i <= cap && (lost == 0 || raced == 0); ++i) {
            options.seed = static_cast<std::uint64_t>(stream) * 1'000'003 + i;
            options.keep_events = false;
            const Outcome o = schedule(*workload, options, 2, 3);
            if (raced == 0 && !o.result.races.empty()) raced = i;
            if (lost == 0 && o.lost) {
              lost = i;
              // Replay it: from the seed, and from its choices.
              const std::uint64_t hash = o.result.trace_hash;
              const bool seed_ok = schedule(*workload, options, 2, 3).result.trace_hash == hash;
              Options from_choices = options;
              from_choices.replay_choices = o.result.choices;
              const bool choices_ok =
                  schedule(*workload, from_choices, 2, 3).result.trace_hash == hash;
              d.replays += 2;
              d.replays_matched += seed_ok + choices_ok;
            }
          }
          d.lost.push_back(lost);
          d.raced.push_back(raced);
        }
        d.seconds = seconds_since(start);
        std::printf("| %s | %s | %s | %s | %s | %lld/%lld | %.1f |\n", name,
                    to_string(strategy).data(), to_string(memory).data(),
                    quantiles(d.lost, cap).c_str(), quantiles(d.raced, cap).c_str(),
                    static_cast<long long>(d.replays_matched), static_cast<long long>(d.replays),
                    d.seconds);
        std::fflush(stdout);
      }
    }
  }
}

void clean(const std::vector<Case>& cases, std::int64_t schedules) {
  std::printf("\n### Safe locks: failures over %lld schedules each (2 threads x 3 iterations)\n\n",
              static_cast<long long>(schedules));
  std::printf(
      "| case | strategy | memory | lost updates | races | deadlocks | fallbacks | "
      "incomplete | seconds |\n|---|---|---|---|---|---|---|---|---|\n");
  for (const char* name :
       {"atomic_counter", "locked_counter", "std_shared_mutex", "std_recursive_mutex",
        "binary_semaphore", "pthread_spinlock", "spinlock", "ttas_spinlock", "ticket_lock",
        "peterson_seq_cst", "tbb_spin_mutex", "boost_spinlock"}) {
    bool present = false;
    for (const Case& c : cases) present |= c.name == name;
    if (!present) continue;
    const Case& c = find(cases, name);
    for (Strategy strategy : {Strategy::pct, Strategy::random}) {
      const Memory memory = Memory::c11;
      std::unique_ptr<Workload> workload = c.make_workload(2);
      Options options;
      options.strategy = strategy;
      options.memory = memory;
      options.keep_events = false;
      options.pct_steps = measured_steps(*workload, options, 2, 3);
      std::int64_t lost = 0, races = 0, deadlocks = 0, fallbacks = 0, incomplete = 0;
      const auto start = std::chrono::steady_clock::now();
      for (std::int64_t seed = 1; seed <= schedules; ++seed) {
        options.seed = static_cast<std::uint64_t>(seed);
        const Outcome o = schedule(*workload, options, 2, 3);
        lost += o.lost;
        races += !o.result.races.empty();
        deadlocks += o.result.deadlock;
        fallbacks += o.result.fallbacks;
        incomplete += !o.result.completed();
      }
      std::printf("| %s | %s | %s | %lld | %lld | %lld | %lld | %lld | %.1f |\n", name,
                  to_string(strategy).data(), to_string(memory).data(),
                  static_cast<long long>(lost), static_cast<long long>(races),
                  static_cast<long long>(deadlocks), static_cast<long long>(fallbacks),
                  static_cast<long long>(incomplete), seconds_since(start));
      std::fflush(stdout);
    }
  }
}

// --find CASE STRATEGY/MEMORY: the first of 10,000 seeds that loses an update, deadlocks or does
// not complete, and its counterexample (what `--replay` of the model variant will print).
int find_counterexample(const std::vector<Case>& cases, const std::string& name,
                        const std::string& mode) {
  const Case& c = find(cases, name);
  std::optional<Options> options = model::parse_replay_key(mode + "/d3/k1/s0");
  if (!options) {
    std::fprintf(stderr, "model_bench: not STRATEGY/MEMORY: %s\n", mode.c_str());
    return 2;
  }
  std::unique_ptr<Workload> workload = c.make_workload(2);
  options->pct_steps = measured_steps(*workload, *options, 2, 3);
  for (std::uint64_t seed = 1; seed <= 10'000; ++seed) {
    options->seed = seed;
    Outcome o = schedule(*workload, *options, 2, 3);
    if (!o.lost && o.result.completed()) continue;
    std::printf("count %lld of %d\n%s", static_cast<long long>(workload->count()), 6,
                model::counterexample_text(o.result).c_str());
    return 0;
  }
  std::printf("no counterexample in 10,000 schedules\n");
  return 1;
}

}  // namespace
}  // namespace lockstress

int main(int argc, char** argv) {
  int streams = 20;
  std::int64_t cap = 1000, clean_schedules = 10'000;
  double budget = 2.0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--streams" && i + 1 < argc) {
      streams = std::atoi(argv[++i]);
    } else if (arg == "--max" && i + 1 < argc) {
      cap = std::atoll(argv[++i]);
    } else if (arg == "--clean" && i + 1 < argc) {
      clean_schedules = std::atoll(argv[++i]);
    } else if (arg == "--find" && i + 2 < argc) {
      return lockstress::find_counterexample(lockstress::bench_cases(), argv[i + 1], argv[i + 2]);
    } else if (arg == "--quick") {
      streams = 3;
      cap = 100;
      clean_schedules = 100;
      budget = 0.2;
    } else {
      std::fprintf(stderr,
                   "usage: %s [--streams N] [--max N] [--clean N] [--quick] | --find CASE "
                   "STRATEGY/MEMORY\n",
                   argv[0]);
      return 2;
    }
  }
  const std::vector<lockstress::Case> cases = lockstress::bench_cases();
  lockstress::throughput(cases, budget);
  lockstress::detection(cases, streams, cap);
  lockstress::clean(cases, clean_schedules);
  return 0;
}
