#include "harness/stats/fairness.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <mutex>

#include "harness/runtime/worker_pool.hpp"
#include "lockstress/lock_case.hpp"

namespace lockstress {
namespace {

TEST(AcquisitionRatio, IsMaxOverMinAndInfiniteWhenAThreadGotNothing) {
  EXPECT_DOUBLE_EQ(acquisition_ratio({300, 100, 200}), 3.0);
  EXPECT_DOUBLE_EQ(acquisition_ratio({7}), 1.0);
  EXPECT_DOUBLE_EQ(acquisition_ratio({}), 1.0);
  EXPECT_DOUBLE_EQ(acquisition_ratio({0, 0}), 1.0);
  EXPECT_TRUE(std::isinf(acquisition_ratio({500, 0})));
}

TEST(DescribeFairness, SummarisesTheJudgedTrialsOnly) {
  Fairness f = describe_fairness({
      {0, {1000, 1000}},  // 1
      {1, {1000, 400}},   // 2.5: unfair
      {2, {1000, 0}},     // starved
      {3, {50, 0}},       // too short to judge: the busiest thread got under 100
      {4, {}},            // no snapshot at all: not counted
      {5, {900, 1000}},   // 1.11
  });
  EXPECT_EQ(f.trials, 4);
  EXPECT_EQ(f.unjudged_trials, 1);
  EXPECT_EQ(f.unfair_trials, 2);
  EXPECT_EQ(f.starved_trials, 1);
  EXPECT_NEAR(f.median_ratio, (1000.0 / 900 + 2.5) / 2, 1e-12);
  EXPECT_TRUE(std::isinf(f.worst_ratio));
  EXPECT_EQ(f.worst_trial, 2);
  EXPECT_EQ(f.worst_acquisitions, (std::vector<std::int64_t>{1000, 0}));
  // Flags follow the median trial (1.8 here), not the worst one.
  EXPECT_FALSE(f.unfair());
  EXPECT_FALSE(f.starving());
  EXPECT_TRUE(describe_fairness({{0, {1000, 400}}, {1, {300, 1000}}}).unfair());
}

TEST(DescribeFairness, StarvingMeansTheMedianTrialStarved) {
  Fairness f = describe_fairness({{0, {1000, 0}}, {1, {1000, 0}}, {2, {1000, 990}}});
  EXPECT_TRUE(std::isinf(f.median_ratio));
  EXPECT_TRUE(f.starving());
  Fairness none = describe_fairness({});
  EXPECT_EQ(none.trials, 0);
  EXPECT_FALSE(none.unfair());
  EXPECT_FALSE(none.starving());
}

TEST(FairnessTally, PastItsExactTrialsTheMedianIsWithinItsResolutionAndTheRestExact) {
  FairnessTally tally;
  std::vector<TrialAcquisitions> trials;
  // Ratios 1.000, 1.001, ..., 3.000 in a scrambled order: the median is 2.0.
  for (std::int64_t i = 0; i <= 2000; ++i) {
    const std::int64_t k = (i * 7919) % 2001;
    const std::vector<std::int64_t> acquisitions{1000 + k, 1000};
    tally.add(i, acquisitions);
    trials.push_back({i, acquisitions});
  }
  const Fairness f = tally.fairness();
  EXPECT_EQ(f.trials, 2001);
  EXPECT_NEAR(f.median_ratio, 2.0, 2.0 * 0.00025);
  EXPECT_EQ(f.unfair_trials, 1000);  // the ratios above 2
  EXPECT_DOUBLE_EQ(f.worst_ratio, 3.0);
  EXPECT_EQ(f.worst_acquisitions, (std::vector<std::int64_t>{3000, 1000}));
  // The same trials summarised from a list agree.
  EXPECT_EQ(describe_fairness(trials).median_ratio, f.median_ratio);
}

using TrackedMutexWorkload = CounterWorkload<LockedIncrement<std::mutex>, Acquisitions::tracked>;

TEST(CounterWorkload, AThreadAloneGetsTheWholeWindow) {
  TrackedMutexWorkload workload(1);
  workload.reset();
  workload.run(0, 250);
  EXPECT_EQ(workload.count(), 250);
  EXPECT_EQ(workload.acquisitions(), std::vector<std::int64_t>{250});
}

TEST(CounterWorkload, ThreadsThatNeverOverlapGiveAnEmptyWindow) {
  // Thread 0 finishes before thread 1 starts: the window where both ran is empty.
  TrackedMutexWorkload workload(2);
  workload.reset();
  workload.run(0, 100);
  workload.run(1, 100);
  EXPECT_EQ(workload.count(), 200);
  EXPECT_EQ(workload.acquisitions(), (std::vector<std::int64_t>{0, 0}));
}

TEST(CounterWorkload, CountsOnlyWhatEachThreadGotWhileAllRan) {
  constexpr int kThreads = 3;
  constexpr std::int64_t kIterations = 20'000;
  TrackedMutexWorkload workload(kThreads);
  WorkerPool pool(std::vector<int>(kThreads, -1));
  const std::function<void(int)> job = [&](int worker) { workload.run(worker, kIterations); };
  for (int trial = 0; trial < 20; ++trial) {
    workload.reset();
    pool.run_round(job);
    ASSERT_EQ(workload.count(), kThreads * kIterations);
    const std::vector<std::int64_t> window = workload.acquisitions();
    ASSERT_EQ(window.size(), std::size_t{kThreads});
    for (std::int64_t got : window) {
      EXPECT_GE(got, 0);
      EXPECT_LE(got, kIterations);
    }
  }
}

TEST(CounterWorkload, UntrackedReportsNoAcquisitions) {
  CounterWorkload<LockedIncrement<std::mutex>> workload(2);
  workload.reset();
  workload.run(0, 10);
  EXPECT_TRUE(workload.acquisitions().empty());
}

}  // namespace
}  // namespace lockstress
