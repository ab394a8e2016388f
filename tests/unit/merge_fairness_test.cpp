// Merging the fairness of lock cases: counts add up, the flags follow the counts, the worst trial
// is the worst of all, and the median becomes an upper bound (the largest input median).

#include <gtest/gtest.h>

#include <cmath>

#include "harness/analysis/merge.hpp"
#include "result_testing.hpp"
#include "sample_lock_summary.hpp"
#include "test_variants.hpp"

namespace lockstress {
namespace {

using testing::message_of;

// The lock suite's spinlock/plain cell alone, in two shards of seed 7: trials 0-3 and 4-7.
Summary shard(std::int64_t first, Fairness fairness) {
  Summary s = testing::sample_lock_summary();
  CellResult cell;
  for (const CellResult& c : s.results) {
    if (c.plan.case_name == "spinlock" && c.plan.variant == testing::kPlain) cell = c;
  }
  cell.measured.trial_ranges = {{7, first, 4}};
  cell.measured.fairness = fairness;
  s.results = {cell};
  return s;
}

TEST(MergeFairness, CountsAddUpAndTheFlagsFollowThem) {
  // Shard 1: fair (1 of 4 unfair); shard 2: 3 of 4 unfair and one thread shut out once.
  const Summary a = shard(0, Fairness{4, 1, 1.2, 2.5, 1, 0, 2, {1000, 400}});
  const Summary b = shard(4, Fairness{4, 0, 3.0, INFINITY, 3, 1, 6, {1000, 0}});
  Result<Summary> m = merge_summaries({{"a.json", a}, {"b.json", b}});
  ASSERT_TRUE(m) << message_of(m);
  ASSERT_TRUE(m->results[0].measured.fairness);
  const Fairness& f = *m->results[0].measured.fairness;
  EXPECT_EQ(f.trials, 8);
  EXPECT_EQ(f.unjudged_trials, 1);
  EXPECT_EQ(f.unfair_trials, 4);
  EXPECT_EQ(f.starved_trials, 1);
  EXPECT_DOUBLE_EQ(f.median_ratio, 3.0);  // the larger input median: an upper bound
  EXPECT_TRUE(std::isinf(f.worst_ratio));
  EXPECT_EQ(f.worst_trial, 6);
  EXPECT_EQ(f.worst_acquisitions, (std::vector<std::int64_t>{1000, 0}));
  EXPECT_FALSE(f.unfair());  // 4 of 8 is not more than half
  EXPECT_FALSE(f.starving());
  EXPECT_TRUE(shard(0, Fairness{4, 0, 3.0, 4.0, 3, 0, 1, {900, 200}})
                  .results[0]
                  .measured.fairness->unfair());
}

}  // namespace
}  // namespace lockstress
