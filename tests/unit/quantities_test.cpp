#include "harness/driver/quantities.hpp"

#include <gtest/gtest.h>

#include "result_testing.hpp"

namespace lockstress {
namespace {

using testing::value_of;

TEST(Quantities, DurationsTakeAUnitOrMeanSeconds) {
  EXPECT_EQ(value_of(parse_duration("30s")), 30.0);
  EXPECT_EQ(value_of(parse_duration("30")), 30.0);
  EXPECT_EQ(value_of(parse_duration("1.5m")), 90.0);
  EXPECT_EQ(value_of(parse_duration("2h")), 7200.0);
  EXPECT_EQ(value_of(parse_duration("500ms")), 0.5);
  for (const char* bad : {"", "s", "0s", "-3s", "3 s", "3x", "1e3s", "inf", "nan", "3sm"}) {
    EXPECT_EQ(value_of(parse_duration(bad)), std::nullopt) << bad;
  }
  EXPECT_EQ(value_of(parse_duration(duration_text(0.25))), 0.25);
  EXPECT_EQ(duration_text(30), "30s");
}

// The fuzzer's find: a budget of 7.8e53 s was accepted, and its rerun text "7.77778e+53s" was not.
TEST(Quantities, DurationsOutsideTheirRangeAreRefusedAndTheRestSurviveTheirText) {
  EXPECT_EQ(value_of(parse_duration("1ms")), 0.001);
  EXPECT_EQ(value_of(parse_duration("1000000000s")), 1e9);
  for (const char* absurd : {"0.9ms", "0.0001", "1000000001", "16666667m",
                             "777777777777777777777777777777777777777777777777777777509ms"}) {
    EXPECT_EQ(value_of(parse_duration(absurd)), std::nullopt) << absurd;
  }
  for (double seconds : {0.001, 0.0015, 0.1, 1.0 / 3, 30.0, 1234567.0, 123456.789, 1e9}) {
    EXPECT_EQ(value_of(parse_duration(duration_text(seconds))), seconds) << duration_text(seconds);
  }
  EXPECT_EQ(duration_text(1234567), "1234567s");
}

TEST(Quantities, FractionsAreBetweenZeroAndOne) {
  EXPECT_EQ(value_of(parse_fraction("0.05")), 0.05);
  EXPECT_EQ(value_of(parse_fraction("5%")), 0.05);
  EXPECT_EQ(value_of(parse_fraction("1")), 1.0);
  for (const char* bad : {"", "0", "0%", "1.5", "150%", "-0.1", "five", "%"}) {
    EXPECT_EQ(value_of(parse_fraction(bad)), std::nullopt) << bad;
  }
  EXPECT_EQ(parse_fraction("1e-5").error().message,
            "'1e-5' is not a decimal number (0.05 or 5%, no exponent)");
  EXPECT_EQ(value_of(parse_fraction("0.00001")), 0.00001);
  EXPECT_EQ(parse_fraction("2").error().message,
            "'2' is not a width between 0 and 1 (0.05 or 5%)");
}

}  // namespace
}  // namespace lockstress
