#include <gtest/gtest.h>

#include <memory>

#include "cases/unsafe_counter.hpp"
#include "harness/runtime/perturbation_plan.hpp"
#include "harness/protocol/trial_seed.hpp"

namespace lockstress {
namespace {

TEST(Perturbation, PlansAreAPureFunctionOfModeTrialAndWorker) {
  const std::uint64_t seed = trial_seed(42, 7);
  for (Perturb mode : kAllPerturbs) {
    EXPECT_EQ(plan_perturbation(mode, seed, 1).period(), plan_perturbation(mode, seed, 1).period());
  }
  EXPECT_EQ(plan_perturbation(Perturb::none, seed, 0).period(), 1);
  // Periods are powers of two in the documented ranges, and differ across workers and trials.
  bool differ = false;
  for (int worker = 0; worker < 16; ++worker) {
    const std::int64_t yield_period = plan_perturbation(Perturb::yield, seed, worker).period();
    EXPECT_GE(yield_period, 64);
    EXPECT_LE(yield_period, 4096);
    EXPECT_EQ(yield_period & (yield_period - 1), 0);
    const std::int64_t random_period = plan_perturbation(Perturb::random, seed, worker).period();
    EXPECT_GE(random_period, 16);
    EXPECT_LE(random_period, 4096);
    differ = differ || yield_period != plan_perturbation(Perturb::yield, seed, 0).period();
  }
  EXPECT_TRUE(differ);
}

TEST(Perturbation, APerturbedCounterStillDoesEveryIncrement) {
  // One thread: no race, so the count is exact whatever the points do.
  std::unique_ptr<Workload> workload = unsafe_counter_case().make_workload(1);
  for (Perturb mode : {Perturb::yield, Perturb::random}) {
    for (std::int64_t iterations : {1, 63, 64, 65, 10'000}) {
      Perturbation perturbation = plan_perturbation(mode, trial_seed(1, iterations), 0);
      workload->reset();
      perturbation.start();
      workload->run_perturbed(0, iterations, perturbation);
      EXPECT_EQ(workload->count(), iterations) << to_string(mode) << " " << iterations;
    }
  }
}

TEST(Perturbation, ModesParseAndPrint) {
  for (Perturb mode : kAllPerturbs) EXPECT_EQ(parse_perturb(to_string(mode)), mode);
  EXPECT_EQ(parse_perturb("jitter"), std::nullopt);
}

}  // namespace
}  // namespace lockstress
