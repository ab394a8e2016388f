#include "harness/driver/watchdog.hpp"

#include <gtest/gtest.h>

namespace lockstress {
namespace {

using Clock = Watchdog::Clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(Watchdog, BeforeAnyProgressTheLimitIsTheFloor) {
  Watchdog watchdog(seconds(60));
  const Clock::time_point start{seconds(1000)};
  watchdog.start(start);
  EXPECT_EQ(watchdog.limit().count(), 60);
  EXPECT_EQ(watchdog.deadline(), start + seconds(60));
}

TEST(Watchdog, TheLimitGrowsWithTheMedianGapAndTheClockRestartsAtEachSign) {
  Watchdog watchdog(seconds(1));
  Clock::time_point now{seconds(1000)};
  watchdog.start(now);
  // Gaps of 2 s, 2 s, 2 s and one of 100 s: the median is 2 s, whatever the outlier.
  for (int gap : {2, 2, 100, 2}) {
    now += seconds(gap);
    watchdog.progress(now);
  }
  // 1 s + 10 x 2 s, the median rounded up to its histogram bucket (at most 19% above).
  EXPECT_GE(watchdog.limit().count(), 21.0);
  EXPECT_LE(watchdog.limit().count(), 1 + 10 * 2 * 1.19);
  EXPECT_GT(watchdog.deadline(), now + seconds(21));
  EXPECT_LT(watchdog.deadline(), now + seconds(25));
}

TEST(Watchdog, ARestartDoesNotCountAsAGap) {
  Watchdog watchdog(seconds(1));
  watchdog.start(Clock::time_point{seconds(0)});
  watchdog.progress(Clock::time_point{milliseconds(10)});
  watchdog.start(Clock::time_point{seconds(500)});
  EXPECT_LT(watchdog.limit().count(), 1.2);
  EXPECT_EQ(watchdog.deadline(), Clock::time_point{seconds(500)} +
                                     std::chrono::duration_cast<Clock::duration>(watchdog.limit()));
}

TEST(Watchdog, AZeroFloorIsOff) {
  Watchdog watchdog(seconds(0));
  watchdog.start(Clock::now());
  watchdog.progress(Clock::now());
  EXPECT_EQ(watchdog.deadline(), Clock::time_point::max());
}

}  // namespace
}  // namespace lockstress
