// The built-in cases' own workloads under the model (2 threads x 3 iterations a schedule): what
// the model variant will have to catch, and what it must never report.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cases/catalogue.hpp"
#include "sanitizers/model/model.hpp"
#include "sanitizers/model/report_text.hpp"
#include "tests/model/outcomes.hpp"

namespace lockstress::model {
namespace {

struct Found {
  int lost = 0;
  int raced = 0;
  int deadlocked = 0;
  int incomplete = 0;
  std::string first_race;  // the report of the first race found
};

Found run_case(const std::string& name, Strategy strategy, Memory memory, int schedules) {
  for (const Case& c : builtin_cases()) {
    if (c.name != name) continue;
    std::unique_ptr<Workload> workload = c.make_workload(2);
    Options options = testing::with(strategy, memory, 60);
    options.keep_events = false;
    Found found;
    for (int seed = 1; seed <= schedules; ++seed) {
      options.seed = static_cast<std::uint64_t>(seed);
      workload->reset();
      ScheduleResult result =
          run_schedule(options, 2, [&](int thread) { workload->run(thread, 3); });
      found.deadlocked += result.deadlock;
      found.incomplete += !result.completed();
      found.raced += !result.races.empty();
      if (!result.races.empty() && found.first_race.empty()) {
        found.first_race = race_text(result.races.front(), result);
      }
      if (result.completed() && workload->count() != 6) ++found.lost;
    }
    return found;
  }
  ADD_FAILURE() << "no case " << name;
  return {};
}

TEST(Cases, TheRacyCountersLoseUpdatesUnderBothMemories) {
  for (const char* name : {"unsafe_counter", "split_rmw_relaxed"}) {
    for (Memory memory : {Memory::sc, Memory::c11}) {
      Found found = run_case(name, Strategy::random, memory, 100);
      EXPECT_GT(found.lost, 0) << name << " " << to_string(memory);
      EXPECT_EQ(found.incomplete, 0) << name;
    }
  }
  EXPECT_GT(run_case("unsafe_counter", Strategy::random, Memory::sc, 20).raced, 0);
  EXPECT_EQ(run_case("split_rmw_relaxed", Strategy::random, Memory::sc, 100).raced, 0)
      << "every access is atomic: no data race";
}

TEST(Cases, TheRelaxedSpinlockAndAcquireReleasePetersonLoseUpdatesOnlyUnderC11) {
  for (const char* name : {"spinlock_relaxed", "peterson_acq_rel"}) {
    for (Strategy strategy : {Strategy::pct, Strategy::random}) {
      Found c11 = run_case(name, strategy, Memory::c11, 200);
      EXPECT_GT(c11.lost, 0) << name << " " << to_string(strategy);
      Found sc = run_case(name, strategy, Memory::sc, 200);
      EXPECT_EQ(sc.lost, 0) << name << " " << to_string(strategy);
      EXPECT_EQ(c11.incomplete + sc.incomplete, 0) << name;
    }
  }
}

TEST(Cases, TheSafeCasesShowNothing) {
  for (const char* name : {"atomic_counter", "locked_counter", "std_shared_mutex",
                           "std_recursive_mutex", "binary_semaphore", "pthread_spinlock",
                           "spinlock", "ttas_spinlock", "ticket_lock", "peterson_seq_cst"}) {
    for (Strategy strategy : {Strategy::pct, Strategy::random}) {
      Found found = run_case(name, strategy, Memory::c11, 150);
      EXPECT_EQ(found.lost, 0) << name << " " << to_string(strategy);
      EXPECT_EQ(found.raced, 0) << name << " " << to_string(strategy) << "\n" << found.first_race;
      EXPECT_EQ(found.incomplete, 0) << name << " " << to_string(strategy);
    }
  }
}

}  // namespace
}  // namespace lockstress::model
