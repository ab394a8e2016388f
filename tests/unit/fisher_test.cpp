#include "harness/stats/fisher.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

namespace lockstress {
namespace {

// Reference values: exact rational arithmetic (Python: math.comb and fractions.Fraction, summing
// the hypergeometric probabilities no larger than the observed one, R's tolerance), and R's
// fisher.test for the tea-tasting table.
TEST(FisherExact, MatchesExactValues) {
  EXPECT_NEAR(fisher_exact(3, 4, 1, 4).p_value, 0.4857142857142857, 1e-12);  // R: 0.4857
  EXPECT_NEAR(fisher_exact(10, 100, 20, 100).p_value, 0.07342758972137638, 1e-12);
  EXPECT_NEAR(fisher_exact(2, 200, 0, 200).p_value, 0.49874686716791977, 1e-12);
  EXPECT_NEAR(fisher_exact(5, 10, 0, 3).p_value, 0.23076923076923078, 1e-12);
  EXPECT_NEAR(fisher_exact(184, 200, 150, 200).log10_p, -5.223009334769301, 1e-9);
}

TEST(FisherExact, StaysAccurateForTinyPValues) {
  // The example: a race never seen on one platform and in 96/500 trials on another.
  const FisherResult r = fisher_exact(0, 500, 96, 500);
  EXPECT_NEAR(r.log10_p, -30.791413012891446, 1e-9);
  EXPECT_NEAR(r.p_value / 1.6165419793128942e-31, 1.0, 1e-8);
  EXPECT_NEAR(fisher_exact(84, 100, 0, 100).log10_p, -39.415876812712526, 1e-9);
  EXPECT_NEAR(fisher_exact(200, 200, 0, 200).log10_p, -118.71160690198099, 1e-9);
}

TEST(FisherExact, KeepsDigitsBelowTheSmallestDouble) {
  // 3000/3000 against 0/3000: p = 2 / C(6000, 3000), about 10^-1804.
  const FisherResult r = fisher_exact(3000, 3000, 0, 3000);
  EXPECT_EQ(r.p_value, 0.0);
  EXPECT_LT(r.log10_p, -1800);
  EXPECT_GT(r.log10_p, -1810);
}

TEST(FisherExact, IsSymmetricAndOneWhenThereIsNothingToTell) {
  EXPECT_DOUBLE_EQ(fisher_exact(0, 200, 0, 200).p_value, 1.0);
  EXPECT_DOUBLE_EQ(fisher_exact(200, 200, 100, 100).p_value, 1.0);
  EXPECT_DOUBLE_EQ(fisher_exact(1, 1000, 0, 1000).p_value, 1.0);
  EXPECT_DOUBLE_EQ(fisher_exact(0, 0, 3, 10).p_value, 1.0);
  EXPECT_NEAR(fisher_exact(20, 100, 10, 100).p_value, fisher_exact(10, 100, 20, 100).p_value,
              1e-15);
  EXPECT_NEAR(fisher_exact(10, 100, 20, 100).p_value, fisher_exact(90, 100, 80, 100).p_value,
              1e-12);
}

// Counts a merge of many runs can hold: the sum over every table took minutes (a hostile summary
// with 10^18 trials, forever), and the sum of the two trial counts overflowed 64 bits. The tails
// are now summed only as far as their terms matter, and past a standard deviation of 10^5
// approximated by the normal distribution.
TEST(FisherExact, HugeCountsTakeNoTimeAndDoNotOverflow) {
  const FisherResult same = fisher_exact(500'000'000, 1'000'000'000, 500'000'000, 1'000'000'000);
  EXPECT_DOUBLE_EQ(same.p_value, 1.0);
  const FisherResult apart = fisher_exact(500'010'000, 1'000'000'000, 500'000'000, 1'000'000'000);
  EXPECT_GT(apart.p_value, 0.0);
  EXPECT_LT(apart.p_value, 1.0);
  const std::int64_t huge = 5'000'000'000'000'000'000;
  EXPECT_DOUBLE_EQ(fisher_exact(huge / 2, huge, huge / 2, huge).p_value, 1.0);
  const FisherResult far = fisher_exact(huge, huge, 0, huge);
  EXPECT_EQ(far.p_value, 0.0);
  EXPECT_LT(far.log10_p, -1e18);
  // 10^9 more events on one side: the observed table is 5 x 10^8 from the mean.
  EXPECT_NEAR(fisher_exact(huge / 2 + 1'000'000'000, huge, huge / 2, huge).p_value,
              std::erfc(5e8 / std::sqrt(huge / 8.0) / std::sqrt(2.0)), 1e-3);
}

}  // namespace
}  // namespace lockstress
