#include "harness/driver/plan.hpp"

#include <gtest/gtest.h>

#include <tuple>

#include "test_variants.hpp"

namespace lockstress {
namespace {

std::vector<Case> test_cases() {
  std::vector<Case> cases(4);
  cases[0].name = kControlCase;
  cases[1].name = "lock";
  cases[1].defaults = {.iterations = 10'000, .trials = 100};
  cases[2].name = "peterson";
  cases[2].threads = {2, 2};
  cases[3].name = "hangs";
  cases[3].runs_by_default = false;
  return cases;
}

using Cell = std::tuple<std::string, Variant, int, std::int64_t, std::int64_t>;

std::vector<Cell> cells(const RunOptions& options) {
  static const Program program{test_cases(), builtin_variants()};  // plans point into it
  std::vector<Cell> out;
  for (const PlannedCell& planned : plan_cells(program, options)) {
    const CellPlan& p = planned.plan;
    out.emplace_back(p.case_name, p.variant, p.threads, p.iterations, p.trials);
  }
  return out;
}

TEST(Plan, EachCaseRunsAtItsOwnDefaultsAndTheControlAtEveryOtherCasesPoint) {
  RunOptions options;
  options.variants = {testing::kPlain};
  EXPECT_EQ(cells(options), (std::vector<Cell>{
                                // The control: at the others' points only (it was not named).
                                {kControlCase, testing::kPlain, 5, 10'000, 200},
                                {kControlCase, testing::kPlain, 2, 100'000, 200},
                                {"lock", testing::kPlain, 5, 10'000, 100},
                                // 5 threads clamped to the case's limit.
                                {"peterson", testing::kPlain, 2, 100'000, 200},
                                // "hangs" is not in the default run.
                            }));
}

// What run plans and what list shows, from one rule: the case's own defaults, else lockstress's,
// its threads within the case's limit.
TEST(Plan, ACasesDefaultsAreItsOwnElseLockstresssWithinItsThreadLimit) {
  const std::vector<Case> cases = test_cases();
  EXPECT_EQ(default_threads(cases[1]), kDefaultThreads);
  EXPECT_EQ(default_iterations(cases[1]), 10'000);
  EXPECT_EQ(default_trials(cases[1]), 100);
  EXPECT_EQ(default_threads(cases[2]), 2);
  EXPECT_EQ(default_iterations(cases[2]), kDefaultIterations);
  EXPECT_EQ(default_trials(cases[2]), kDefaultTrials);
  EXPECT_EQ(planned_trials(cases[1], RunOptions{}), 100);
}

TEST(Plan, SweepsCrossThreadsWithIterationsInBothVariants) {
  RunOptions options;
  options.cases = {"lock"};
  options.threads = {1, 4};
  options.iterations = {10, 20};
  options.trials = 3;
  const std::vector<Cell> planned = cells(options);
  ASSERT_EQ(planned.size(), 16u);  // (control + lock) x 4 points x 2 variants
  EXPECT_EQ(planned[8], (Cell{"lock", testing::kPlain, 1, 10, 3}));
  EXPECT_EQ(planned[9], (Cell{"lock", testing::kTsan, 1, 10, 3}));
  EXPECT_EQ(planned[15], (Cell{"lock", testing::kTsan, 4, 20, 3}));
}

TEST(Plan, TheControlRunsAtItsOwnPointWhenNamedOrAlone) {
  RunOptions named;
  named.cases = {kControlCase, "lock"};
  named.variants = {testing::kTsan};
  EXPECT_EQ(cells(named), (std::vector<Cell>{{kControlCase, testing::kTsan, 5, 100'000, 200},
                                             {kControlCase, testing::kTsan, 5, 10'000, 200},
                                             {"lock", testing::kTsan, 5, 10'000, 100}}));
  RunOptions alone;
  alone.cases = {kControlCase};
  alone.variants = {testing::kTsan};
  EXPECT_EQ(cells(alone), (std::vector<Cell>{{kControlCase, testing::kTsan, 5, 100'000, 200}}));
}

TEST(Plan, ACaseLeftOutOfTheDefaultRunRunsWhenNamed) {
  RunOptions options;
  options.cases = {"hangs"};
  options.variants = {testing::kPlain};
  const std::vector<Cell> planned = cells(options);
  ASSERT_EQ(planned.size(), 2u);
  EXPECT_EQ(std::get<0>(planned[1]), "hangs");
}

}  // namespace
}  // namespace lockstress
