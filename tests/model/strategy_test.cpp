#include "sanitizers/model/strategy.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "sanitizers/model/choice_trace.hpp"

namespace lockstress::model {
namespace {

Options pct(std::uint64_t seed, int depth, std::int64_t steps) {
  Options options;
  options.seed = seed;
  options.pct_depth = depth;
  options.pct_steps = steps;
  return options;
}

TEST(Pct, DrawsDepthMinusOneDistinctChangePointsWithinKFromTheSeed) {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    Chooser chooser(pct(seed, 4, 50));
    const auto& points = chooser.change_points();
    ASSERT_EQ(points.size(), 3u);
    EXPECT_TRUE(std::is_sorted(points.begin(), points.end()));
    EXPECT_EQ(std::adjacent_find(points.begin(), points.end()), points.end());
    for (std::int64_t p : points) {
      EXPECT_GE(p, 1);
      EXPECT_LE(p, 50);
    }
    EXPECT_EQ(Chooser(pct(seed, 4, 50)).change_points(), points) << "same seed, same points";
  }
  EXPECT_NE(Chooser(pct(1, 4, 1000)).change_points(), Chooser(pct(2, 4, 1000)).change_points());
  EXPECT_TRUE(Chooser(pct(1, 1, 50)).change_points().empty()) << "depth 1: no change point";
  EXPECT_EQ(Chooser(pct(1, 5, 2)).change_points().size(), 2u) << "no more points than steps";
}

TEST(Pct, PrioritiesAreAUniformPermutationFromTheSeed) {
  // Over many seeds, each of 3 threads is the highest priority about a third of the time.
  int first[3] = {0, 0, 0};
  for (std::uint64_t seed = 1; seed <= 3000; ++seed) {
    Chooser chooser(pct(seed, 3, 10));
    for (int t = 0; t < 3; ++t) chooser.add_thread(t);
    ++first[chooser.priority_order().front()];
    Chooser again(pct(seed, 3, 10));
    for (int t = 0; t < 3; ++t) again.add_thread(t);
    EXPECT_EQ(again.priority_order(), chooser.priority_order());
  }
  for (int count : first) {
    EXPECT_GT(count, 850);
    EXPECT_LT(count, 1150);
  }
}

TEST(Pct, TheHighestPriorityRunnableThreadRunsAndDropsAtAChangePoint) {
  Chooser chooser(pct(7, 2, 10));
  for (int t = 0; t < 2; ++t) chooser.add_thread(t);
  const int high = chooser.priority_order()[0];
  const int low = chooser.priority_order()[1];
  const std::int64_t change = chooser.change_points().at(0);
  for (std::int64_t step = 1; step < change; ++step) {
    chooser.step(step, high);
    EXPECT_EQ(chooser.pick_thread({0, 1}, high, false), high);
  }
  chooser.step(change, high);
  EXPECT_EQ(chooser.pick_thread({0, 1}, high, false), low);
  EXPECT_EQ(chooser.pick_thread({high}, low, false), high) << "only runnable thread";
}

TEST(Pct, AYieldingThreadDropsBelowTheOthers) {
  Chooser chooser(pct(3, 1, 10));
  for (int t = 0; t < 3; ++t) chooser.add_thread(t);
  const int top = chooser.priority_order()[0];
  chooser.yielded(top);
  EXPECT_EQ(chooser.priority_order().back(), top);
}

TEST(FairFallback, IsRoundRobin) {
  Chooser chooser(pct(3, 3, 10));
  for (int t = 0; t < 3; ++t) chooser.add_thread(t);
  chooser.go_fair();
  EXPECT_EQ(chooser.pick_thread({0, 1, 2}, 0, false), 1);
  EXPECT_EQ(chooser.pick_thread({0, 1, 2}, 2, false), 0);
  EXPECT_EQ(chooser.pick_thread({0, 2}, 0, false), 2);
}

TEST(ChoiceTrace, EncodesRunsAndLargeValuesAndDecodesThemBack) {
  const std::vector<std::uint32_t> choices{0, 0, 0, 0, 0, 1, 2, 2, 40, 1, 1, 1, 1};
  const std::string text = encode_choices(choices);
  EXPECT_EQ(text, "0*5.122{40}1*4.");
  EXPECT_EQ(decode_choices(text), choices);
  EXPECT_EQ(decode_choices(""), std::vector<std::uint32_t>{});
  EXPECT_FALSE(decode_choices("0*"));
  EXPECT_FALSE(decode_choices("{x}"));
  EXPECT_FALSE(decode_choices("#"));
}

TEST(ReplayKey, RoundTripsAndRefusesAnythingElse) {
  Options options = pct(42, 3, 120);
  options.strategy = Strategy::random;
  options.memory = Memory::sc;
  EXPECT_EQ(replay_key(options), "random/sc/d3/k120/s42");
  std::optional<Options> parsed = parse_replay_key("random/sc/d3/k120/s42");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(replay_key(*parsed), "random/sc/d3/k120/s42");
  for (const char* bad : {"", "pct/c11/d3/k1", "pct/c12/d3/k1/s1", "pct/c11/d0/k1/s1",
                          "pct/c11/d3/k0/s1", "pct/c11/d3/k1/s-1", "pct/c11/d3/k1/sx"}) {
    EXPECT_FALSE(parse_replay_key(bad)) << bad;
  }
}

}  // namespace
}  // namespace lockstress::model
