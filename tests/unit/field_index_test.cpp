#include "harness/ingest/field_index.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lockstress {
namespace {

TEST(FieldIndex, FindsEachKeyWhereverItStands) {
  FieldIndex fields("index=3 seed=11 count=9 ns=100 reports=0 overlap=-5");
  EXPECT_EQ(fields("index"), "3");
  EXPECT_EQ(fields("seed"), "11");
  EXPECT_EQ(fields("overlap"), "-5");
  EXPECT_EQ(fields("torn"), std::nullopt);
  EXPECT_EQ(fields("inde"), std::nullopt);  // a prefix of a key is no key
}

TEST(FieldIndex, TheFirstOfAKeyCountsAndItemsWithoutEqualsAreNoFields) {
  FieldIndex fields("a=1  b a=2 c=x=y =z b=3 ");
  EXPECT_EQ(fields("a"), "1");
  EXPECT_EQ(fields("b"), "3");
  EXPECT_EQ(fields("c"), "x=y");
  EXPECT_EQ(fields(""), "z");
  EXPECT_EQ(FieldIndex("")("a"), std::nullopt);
  EXPECT_EQ(FieldIndex("a=")("a"), "");
}

TEST(FieldIndex, HoldsThirtyTwoKeysAndNoMore) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "k" + std::to_string(i) + "=" + std::to_string(i) + " ";
  text += "k3=again";
  FieldIndex fields(text);
  EXPECT_EQ(fields("k0"), "0");
  EXPECT_EQ(fields("k3"), "3");
  EXPECT_EQ(fields("k31"), "31");
  EXPECT_EQ(fields("k32"), std::nullopt);
}

}  // namespace
}  // namespace lockstress
