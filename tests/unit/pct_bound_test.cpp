#include "harness/stats/pct_bound.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

namespace lockstress {
namespace {

TEST(PctBound, NoScheduleProvesNothing) {
  EXPECT_EQ(pct_detection_bound(0, 2, 37, 3), 0);
  EXPECT_EQ(pct_detection_bound(-1, 2, 37, 3), 0);
}

TEST(PctBound, DepthOneIsOneOverNPerSchedule) {
  EXPECT_DOUBLE_EQ(pct_schedule_probability(3, 1'000'000, 1), 1.0 / 3);
  EXPECT_DOUBLE_EQ(pct_detection_bound(1, 3, 1'000'000, 1), 1.0 / 3);
  EXPECT_NEAR(pct_detection_bound(4, 2, 50, 1), 1 - std::pow(0.5, 4), 1e-15);
  // One thread at depth 1: its only schedule is the one that runs.
  EXPECT_EQ(pct_detection_bound(1, 1, 50, 1), 1);
}

TEST(PctBound, MatchesTheFormulaAtTheModelsDefaults) {
  // n = 2, k = 10, d = 3: 1/(2 * 10^2) a schedule, over 300 schedules.
  EXPECT_DOUBLE_EQ(pct_schedule_probability(2, 10, 3), 1.0 / 200);
  EXPECT_NEAR(pct_detection_bound(300, 2, 10, 3), 1 - std::pow(1 - 1.0 / 200, 300), 1e-12);
  // More schedules, more assurance; more steps or depth, less.
  EXPECT_GT(pct_detection_bound(600, 2, 10, 3), pct_detection_bound(300, 2, 10, 3));
  EXPECT_LT(pct_detection_bound(300, 2, 20, 3), pct_detection_bound(300, 2, 10, 3));
  EXPECT_LT(pct_detection_bound(300, 2, 10, 4), pct_detection_bound(300, 2, 10, 3));
}

TEST(PctBound, HugeStepsGiveATinyPositiveBoundNotZeroOrNaN) {
  const double p = pct_schedule_probability(2, INT64_MAX, 3);
  EXPECT_GT(p, 0);
  EXPECT_LT(p, 1e-37);
  const double bound = pct_detection_bound(1'000'000, 2, INT64_MAX, 3);
  EXPECT_TRUE(std::isfinite(bound));
  EXPECT_GT(bound, 0);
  // Where 1 - p rounds to 1, N p is still the answer.
  EXPECT_NEAR(bound / (1e6 * p), 1, 1e-9);
  // Past a double's range, 0, never a NaN.
  EXPECT_EQ(pct_detection_bound(10, 2, INT64_MAX, 100), 0);
}

TEST(PctBound, DegenerateSizesCountAsOne) {
  EXPECT_EQ(pct_schedule_probability(0, 0, 0), 1);
  EXPECT_EQ(pct_detection_bound(5, 0, 0, 0), 1);
}

}  // namespace
}  // namespace lockstress
