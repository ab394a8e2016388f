#include "harness/driver/quantities.hpp"

#include <gtest/gtest.h>

namespace lockstress {
namespace {

TEST(Quantities, DurationsTakeAUnitOrMeanSeconds) {
  EXPECT_EQ(parse_duration("30s"), 30.0);
  EXPECT_EQ(parse_duration("30"), 30.0);
  EXPECT_EQ(parse_duration("1.5m"), 90.0);
  EXPECT_EQ(parse_duration("2h"), 7200.0);
  EXPECT_EQ(parse_duration("500ms"), 0.5);
  for (const char* bad : {"", "s", "0s", "-3s", "3 s", "3x", "1e3s", "inf", "nan", "3sm"}) {
    EXPECT_EQ(parse_duration(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(parse_duration(duration_text(0.25)), 0.25);
  EXPECT_EQ(duration_text(30), "30s");
}

TEST(Quantities, FractionsAreBetweenZeroAndOne) {
  EXPECT_EQ(parse_fraction("0.05"), 0.05);
  EXPECT_EQ(parse_fraction("5%"), 0.05);
  EXPECT_EQ(parse_fraction("1"), 1.0);
  for (const char* bad : {"", "0", "0%", "1.5", "150%", "-0.1", "five", "%"}) {
    EXPECT_EQ(parse_fraction(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace lockstress
