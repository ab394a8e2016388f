#include "harness/ingest/matched_suppressions.hpp"

#include <gtest/gtest.h>

#include "harness/ingest/runner_stream.hpp"

namespace lockstress {
namespace {

TEST(MatchedSuppressions, ReadsTheBlockTsanPrintsAtExit) {
  MatchedSuppressionsReader reader;
  EXPECT_FALSE(reader.feed("some other line"));
  EXPECT_FALSE(reader.feed("12 race:looks_like_a_match_but_no_header"));
  EXPECT_TRUE(reader.feed("ThreadSanitizer: Matched 15 suppressions (pid=4242):"));
  EXPECT_TRUE(reader.feed("12 race:UnguardedIncrement"));
  EXPECT_TRUE(reader.feed("3 deadlock:ns::Lock::lock"));
  EXPECT_FALSE(reader.feed("ThreadSanitizer: reported 0 warnings"));
  EXPECT_FALSE(reader.feed("4 race:after_the_block"));
  ASSERT_EQ(reader.matches().size(), 2u);
  EXPECT_EQ(reader.matches()[0].type, "race");
  EXPECT_EQ(reader.matches()[0].pattern, "UnguardedIncrement");
  EXPECT_EQ(reader.matches()[0].reports, 12);
  EXPECT_EQ(reader.matches()[1].type, "deadlock");
  EXPECT_EQ(reader.matches()[1].pattern, "ns::Lock::lock");
  EXPECT_EQ(suppressed_reports(reader.matches()), 15);
}

TEST(MatchedSuppressions, MalformedLinesEndTheBlock) {
  for (const char* bad : {"race:no_count", "-1 race:x", "12race:x", "12 no_colon", "12 "}) {
    MatchedSuppressionsReader reader;
    reader.feed("ThreadSanitizer: Matched 1 suppressions (pid=1):");
    EXPECT_FALSE(reader.feed(bad)) << bad;
    EXPECT_TRUE(reader.matches().empty()) << bad;
  }
}

TEST(MatchedSuppressions, AddsUpBySuppressionAcrossRunners) {
  std::vector<SuppressionMatch> cell;
  add_matches(cell, {{"race", "a", 2}, {"race", "b", 1}});
  add_matches(cell, {{"race", "a", 3}, {"deadlock", "a", 1}});
  ASSERT_EQ(cell.size(), 3u);
  EXPECT_EQ(cell[0].reports, 5);
  EXPECT_EQ(suppressed_reports(cell), 7);
  add_matches(cell, {{"race", "a", INT64_MAX}});
  EXPECT_EQ(suppressed_reports(cell), INT64_MAX);
}

TEST(MatchedSuppressions, TheRunnerStreamKeepsThemOutOfItsOtherOutput) {
  RunnerStream stream([](TrialEvent) {});
  stream.feed(
      "@lockstress/1 end trials=0\n"
      "ThreadSanitizer: Matched 2 suppressions (pid=7):\n"
      "2 race:UnguardedIncrement\n");
  stream.finish();
  EXPECT_FALSE(stream.error());
  ASSERT_EQ(stream.matched_suppressions().size(), 1u);
  EXPECT_EQ(stream.matched_suppressions()[0].reports, 2);
  EXPECT_TRUE(stream.tail().empty());
}

}  // namespace
}  // namespace lockstress
