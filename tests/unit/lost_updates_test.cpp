#include "harness/stats/lost_updates.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace lockstress {
namespace {

LostUpdateTally tally_of(const std::vector<std::int64_t>& values) {
  LostUpdateTally tally;
  for (std::int64_t v : values) tally.add(v);
  return tally;
}

void expect_same_histogram(const std::vector<HistogramBucket>& a,
                           const std::vector<HistogramBucket>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].low, b[i].low) << i;
    EXPECT_EQ(a[i].high, b[i].high) << i;
    EXPECT_EQ(a[i].count, b[i].count) << i;
  }
}

TEST(LostUpdateTally, IsExactBelowTheBucketedRange) {
  const std::vector<std::int64_t> values{0, 0, 3, 7, 127, 0, 90, -2, 5};
  const LostUpdateTally tally = tally_of(values);
  const Description want = describe(values);
  const Description got = tally.describe();
  EXPECT_EQ(tally.trials(), 9);
  EXPECT_DOUBLE_EQ(got.mean, want.mean);
  EXPECT_DOUBLE_EQ(got.median, want.median);
  EXPECT_EQ(got.min, want.min);
  EXPECT_EQ(got.max, want.max);
  EXPECT_EQ(tally.median_bounds().low, want.median);
  EXPECT_EQ(tally.median_bounds().high, want.median);
  expect_same_histogram(tally.histogram(), power_of_two_histogram(values));
}

TEST(LostUpdateTally, EvenCountsAverageTheMiddleTwo) {
  const LostUpdateTally tally = tally_of({1, 2, 3, 10});
  EXPECT_DOUBLE_EQ(tally.describe().median, 2.5);
  EXPECT_EQ(tally.median_bounds().low, 2.5);
  EXPECT_EQ(tally.median_bounds().high, 2.5);
}

TEST(LostUpdateTally, BoundsOfAMedianBetweenTwoBucketsAreTheMeansOfTheirEdges) {
  // 1000 and 2000 fall in buckets [1000, 1007] and [2000, 2015], 8 and 16 values wide; the
  // second is cut at the largest value, 2000. The median, 1500, lies in [(1000 + 2000) / 2,
  // (1007 + 2000) / 2].
  const LostUpdateTally tally = tally_of({1000, 2000});
  EXPECT_EQ(tally.median_bounds().low, 1500);
  EXPECT_EQ(tally.median_bounds().high, 1503.5);
}

TEST(LostUpdateTally, BoundsStayWithinTheSmallestAndLargestValue) {
  const LostUpdateTally tally = tally_of({1001, 1001, 1001});
  EXPECT_EQ(tally.median_bounds().low, 1001);
  EXPECT_EQ(tally.median_bounds().high, 1001);
}

TEST(LostUpdateTally, TheTopBucketDoesNotOverflow) {
  // Found by fuzz_runner_stream (the seed regression-histogram-top-bucket): a count far below the
  // expected one puts a trial in [2^62, 2^63 - 1], whose upper end 2 * 2^62 - 1 overflows.
  const std::vector<std::int64_t> values{INT64_MAX, std::int64_t{1} << 62, 5};
  const LostUpdateTally tally = tally_of(values);
  expect_same_histogram(tally.histogram(), power_of_two_histogram(values));
  EXPECT_EQ(tally.histogram().back().high, INT64_MAX);
  EXPECT_LE(tally.median_bounds().low, double(std::int64_t{1} << 62));
  EXPECT_GE(tally.median_bounds().high, double(std::int64_t{1} << 62));
}

TEST(LostUpdateTally, EmptyIsAllZero) {
  const Description d = LostUpdateTally().describe();
  EXPECT_EQ(d.mean, 0);
  EXPECT_EQ(d.median, 0);
  EXPECT_TRUE(LostUpdateTally().histogram().empty());
}

TEST(LostUpdateTally, LargeMediansAreWithinTheStatedResolution) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<std::int64_t> lost(0, 400'000);
  std::vector<std::int64_t> values;
  LostUpdateTally tally;
  for (int i = 0; i < 20'001; ++i) {
    values.push_back(lost(random));
    tally.add(values.back());
  }
  const Description want = describe(values);
  const Description got = tally.describe();
  const Interval bounds = tally.median_bounds();
  EXPECT_LE(bounds.low, want.median);
  EXPECT_GE(bounds.high, want.median);
  EXPECT_LT(bounds.low, bounds.high);
  EXPECT_DOUBLE_EQ(got.median, (bounds.low + bounds.high) / 2);
  EXPECT_LE(std::abs(got.median - want.median),
            want.median * LostUpdateTally::kMedianRelativeError);
  EXPECT_DOUBLE_EQ(got.mean, want.mean);
  EXPECT_EQ(got.max, want.max);
  expect_same_histogram(tally.histogram(), power_of_two_histogram(values));
}

}  // namespace
}  // namespace lockstress
