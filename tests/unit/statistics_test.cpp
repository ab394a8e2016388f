#include "harness/stats/statistics.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace lockstress {
namespace {

// Reference values computed independently (R: binom::binom.wilson; 1 - 0.05^(1/n)).
TEST(WilsonInterval, MatchesKnownValues) {
  Interval a = wilson_interval(10, 100);
  EXPECT_NEAR(a.low, 0.05523, 1e-4);
  EXPECT_NEAR(a.high, 0.17437, 1e-4);
  Interval b = wilson_interval(1, 10);
  EXPECT_NEAR(b.low, 0.01787, 1e-4);
  EXPECT_NEAR(b.high, 0.40415, 1e-4);
  Interval c = wilson_interval(43, 430);
  EXPECT_NEAR(c.low, 0.07509, 1e-4);
  EXPECT_NEAR(c.high, 0.13199, 1e-4);
}

TEST(WilsonInterval, StaysInsideZeroToOne) {
  Interval all = wilson_interval(5, 5);
  EXPECT_LE(all.high, 1.0);
  EXPECT_GT(all.low, 0.0);
  Interval none = wilson_interval(0, 5);
  EXPECT_EQ(none.low, 0.0);
}

TEST(ZeroEventBound, IsTheExactOneSidedBound) {
  EXPECT_NEAR(zero_event_upper_bound(30), 0.09503, 1e-5);
  EXPECT_NEAR(zero_event_upper_bound(100), 0.02951, 1e-5);
  EXPECT_NEAR(zero_event_upper_bound(200), 0.01487, 1e-5);
  EXPECT_NEAR(zero_event_upper_bound(1000), 0.002991, 1e-6);
  EXPECT_DOUBLE_EQ(zero_event_upper_bound(1), 0.95);
  EXPECT_DOUBLE_EQ(zero_event_upper_bound(0), 1.0);
}

TEST(Rate, UsesTheOneSidedBoundAtZeroAndAtAll) {
  Rate zero = rate(0, 200);
  EXPECT_TRUE(zero.one_sided);
  EXPECT_EQ(zero.ci95.low, 0.0);
  EXPECT_NEAR(zero.ci95.high, 0.01487, 1e-5);

  Rate all = rate(200, 200);
  EXPECT_TRUE(all.one_sided);
  EXPECT_NEAR(all.ci95.low, 1 - 0.01487, 1e-5);
  EXPECT_EQ(all.ci95.high, 1.0);

  Rate some = rate(10, 100);
  EXPECT_FALSE(some.one_sided);
  EXPECT_DOUBLE_EQ(some.value, 0.1);
  EXPECT_NEAR(some.ci95.low, 0.05523, 1e-4);
}

TEST(Rate, OfNoTrialsIsUninformative) {
  Rate none = rate(0, 0);
  EXPECT_EQ(none.value, 0.0);
  EXPECT_EQ(none.ci95.low, 0.0);
  EXPECT_EQ(none.ci95.high, 1.0);
}

TEST(Describe, HandlesEmptySingleEvenAndEqualSamples) {
  Description empty = describe({});
  EXPECT_EQ(empty.mean, 0);
  EXPECT_EQ(empty.max, 0);

  Description one = describe({7});
  EXPECT_EQ(one.mean, 7);
  EXPECT_EQ(one.median, 7);

  Description even = describe({4, 1, 3, 2});
  EXPECT_DOUBLE_EQ(even.mean, 2.5);
  EXPECT_DOUBLE_EQ(even.median, 2.5);
  EXPECT_EQ(even.min, 1);
  EXPECT_EQ(even.max, 4);

  Description equal = describe({5, 5, 5});
  EXPECT_EQ(equal.median, 5);
  EXPECT_EQ(equal.min, 5);
}

TEST(Histogram, BucketsByPowersOfTwo) {
  std::vector<HistogramBucket> h = power_of_two_histogram({0, 0, 1, 2, 3, 4, 7, 8, 1000});
  ASSERT_EQ(h.size(), 6u);
  EXPECT_EQ(h[0].low, 0);
  EXPECT_EQ(h[0].high, 0);
  EXPECT_EQ(h[0].count, 2);
  EXPECT_EQ(h[1].low, 1);
  EXPECT_EQ(h[1].count, 1);
  EXPECT_EQ(h[2].low, 2);
  EXPECT_EQ(h[2].high, 3);
  EXPECT_EQ(h[2].count, 2);
  EXPECT_EQ(h[3].low, 4);
  EXPECT_EQ(h[3].high, 7);
  EXPECT_EQ(h[3].count, 2);
  EXPECT_EQ(h[4].low, 8);
  EXPECT_EQ(h[4].count, 1);
  EXPECT_EQ(h[5].low, 512);
  EXPECT_EQ(h[5].high, 1023);
}

// Found by fuzz_runner_stream: the top bucket's upper end, 2 * 2^62 - 1, was computed as an
// overflowing 2 * 2^62 first.
TEST(Histogram, TheTopBucketEndsAtTheLargestCount) {
  const std::int64_t largest = std::numeric_limits<std::int64_t>::max();
  std::vector<HistogramBucket> h = power_of_two_histogram({largest, std::int64_t{1} << 62});
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].low, std::int64_t{1} << 62);
  EXPECT_EQ(h[0].high, largest);
  EXPECT_EQ(h[0].count, 2);
}

TEST(Histogram, PutsNegativeValuesInOneBucket) {
  std::vector<HistogramBucket> h = power_of_two_histogram({-3, -1, 0});
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].low, -3);
  EXPECT_EQ(h[0].high, -1);
  EXPECT_EQ(h[0].count, 2);
}

}  // namespace
}  // namespace lockstress
