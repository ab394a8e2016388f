#include "harness/summary/tsan_overrides.hpp"

#include <gtest/gtest.h>

namespace lockstress {
namespace {

std::vector<std::string> settings(std::string_view tsan_options) {
  std::vector<std::string> out;
  for (const TsanOverride& o : attribution_overrides(tsan_options)) out.push_back(o.setting);
  return out;
}

TEST(TsanOverrides, OnlyTheSettingsTheAttributionRestsOnAreNamed) {
  EXPECT_TRUE(settings("").empty());
  EXPECT_TRUE(settings("history_size=7 verbosity=1 report_thread_leaks=0").empty());
  // The runner's own values, said again, change nothing.
  EXPECT_TRUE(settings("suppress_equal_stacks=0:halt_on_error=0:detect_deadlocks=1").empty());
  EXPECT_EQ(settings("suppress_equal_stacks=1"),
            std::vector<std::string>{"suppress_equal_stacks=1"});
  EXPECT_EQ(settings("detect_deadlocks=false,halt_on_error=yes"),
            (std::vector<std::string>{"detect_deadlocks=false", "halt_on_error=yes"}));
  EXPECT_EQ(settings("report_bugs=0 log_path=/tmp/t exitcode=1"),
            (std::vector<std::string>{"report_bugs=0", "log_path=/tmp/t", "exitcode=1"}));
  EXPECT_TRUE(settings("log_path=stderr").empty());
}

TEST(TsanOverrides, TheLastSettingOfANameWinsAsInTsan) {
  EXPECT_TRUE(settings("suppress_equal_stacks=1:suppress_equal_stacks=0").empty());
  EXPECT_EQ(settings("suppress_equal_stacks=0\nsuppress_equal_stacks=true"),
            std::vector<std::string>{"suppress_equal_stacks=true"});
}

TEST(TsanOverrides, QuotedValuesAreReadWhole) {
  EXPECT_EQ(settings("stack_trace_format='#%n %p' history_size=2"),
            std::vector<std::string>{"stack_trace_format=#%n %p"});
  EXPECT_EQ(settings("log_path=\"/tmp/a b\""), std::vector<std::string>{"log_path=/tmp/a b"});
}

TEST(TsanOverrides, EachSaysWhatItDoesToTheCounts) {
  const std::vector<TsanOverride> o = attribution_overrides("suppress_equal_stacks=1");
  ASSERT_EQ(o.size(), 1u);
  EXPECT_NE(o[0].consequence.find("undercount"), std::string::npos) << o[0].consequence;
}

TEST(TsanOverrides, TextTsanWouldRefuseEndsTheList) {
  EXPECT_EQ(settings("halt_on_error=1 garbage suppress_equal_stacks=1"),
            std::vector<std::string>{"halt_on_error=1"});
  EXPECT_TRUE(settings("log_path='unterminated").empty());
}

}  // namespace
}  // namespace lockstress
