#include "harness/driver/plan.hpp"

#include <gtest/gtest.h>

#include <tuple>

#include "harness/driver/case_defaults.hpp"
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
  cases[1].detector_defaults = {{Detector::model, {.iterations = 5}}};
  return cases;
}

using Cell = std::tuple<std::string, Variant, int, std::int64_t, std::int64_t>;

std::vector<Cell> cells(const RunOptions& options) {
  static const Program program{test_cases(), {testing::kPlain, testing::kTsan, testing::kModel}};
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

// What run plans and what list shows, from one rule: the case's own defaults, else its kind's,
// its threads within the case's limit.
TEST(Plan, ACasesDefaultsAreItsOwnElseItsKindsWithinItsThreadLimit) {
  const std::vector<Case> cases = test_cases();
  EXPECT_EQ(case_defaults(cases[1], Detector::plain), (CaseDefaults{5, 10'000, 100}));
  EXPECT_EQ(case_defaults(cases[2], Detector::tsan), (CaseDefaults{2, 100'000, 200}));
  EXPECT_EQ(case_defaults(cases[1], Detector::model), (CaseDefaults{2, 5, 300}));
  EXPECT_EQ(case_defaults(cases[2], Detector::model), (CaseDefaults{2, 3, 300}));
  EXPECT_EQ(planned_trials(cases[1], Detector::plain, RunOptions{}), 100);
}

TEST(Plan, SweepsCrossThreadsWithIterationsInBothVariants) {
  RunOptions options;
  options.cases = {"lock"};
  options.threads = {1, 4};
  options.iterations = {10, 20};
  options.trials = 3;
  options.variants = {testing::kPlain, testing::kTsan};
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

// The model's own tiny sizes (its kind's defaults, or the case's DetectorDefaults for it), never
// the stress sizes of Case::defaults; the control runs at the model's points in the model.
TEST(Plan, EachKindOfDetectorHasItsOwnDefaultsAndTheControlFollowsThemPerVariant) {
  RunOptions options;
  options.cases = {"lock", "peterson"};
  options.variants = {testing::kPlain, testing::kModel};
  EXPECT_EQ(cells(options), (std::vector<Cell>{
                                {kControlCase, testing::kPlain, 5, 10'000, 200},
                                {kControlCase, testing::kPlain, 2, 100'000, 200},
                                {kControlCase, testing::kModel, 2, 5, 300},
                                {kControlCase, testing::kModel, 2, 3, 300},
                                {"lock", testing::kPlain, 5, 10'000, 100},
                                {"lock", testing::kModel, 2, 5, 300},
                                {"peterson", testing::kPlain, 2, 100'000, 200},
                                {"peterson", testing::kModel, 2, 3, 300},
                            }));
  // Set on the command line, a point is every named variant's...
  options.iterations = {7};
  options.trials = 9;
  options.cases = {"lock"};
  EXPECT_EQ(cells(options), (std::vector<Cell>{{kControlCase, testing::kPlain, 5, 7, 9},
                                               {kControlCase, testing::kModel, 2, 7, 9},
                                               {"lock", testing::kPlain, 5, 7, 9},
                                               {"lock", testing::kModel, 2, 7, 9}}));
  // ... but not the model's when --variant does not name it: a stress test's sizes would take it
  // hours.
  options.variants.clear();
  for (const Cell& cell : cells(options)) {
    if (std::get<1>(cell) == testing::kModel) {
      EXPECT_EQ(cell, (Cell{std::get<0>(cell), testing::kModel, 2, 5, 300}));
    } else {
      EXPECT_EQ(std::get<3>(cell), 7);
    }
  }
}

// One thread runs at a time in the model: its workers are never pinned, whatever --pin says.
TEST(Plan, TheModelsCellsPinNothing) {
  static const Program program{test_cases(), {testing::kPlain, testing::kModel}};
  RunOptions options;
  options.cases = {"lock"};
  options.pin = Pin::compact;
  for (const PlannedCell& planned : plan_cells(program, options)) {
    EXPECT_EQ(planned.plan.pin,
              planned.plan.variant.detector == Detector::model ? Pin::none : Pin::compact);
  }
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
