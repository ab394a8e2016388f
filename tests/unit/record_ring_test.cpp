#include "harness/protocol/record_ring.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "harness/ingest/runner_stream.hpp"

namespace lockstress {
namespace {

TEST(RecordRing, TakesWhatWasPutInOrderAcrossItsEnd) {
  auto ring = std::make_unique<RecordRing>();
  const std::string line(1000, 'x');
  std::string taken;
  // 1,500 lines of 1,001 bytes: past the end of the 1 MiB ring, taken as they go.
  for (int i = 0; i < 1500; ++i) {
    ASSERT_TRUE(put_record(*ring, line + "\n"));
    if (i % 100 == 99) ASSERT_TRUE(take_records(*ring, taken));
  }
  ASSERT_TRUE(take_records(*ring, taken));
  std::string expected;
  for (int i = 0; i < 1500; ++i) expected += line + "\n";
  EXPECT_EQ(taken, expected);
  EXPECT_FALSE(put_record(*ring, std::string(RecordRing::kBytes + 1, 'x')));
}

TEST(RecordRing, CountsNoRunnerLeavesAreRefused) {
  auto ring = std::make_unique<RecordRing>();
  std::string taken;
  ring->written.store(RecordRing::kBytes + 1);
  EXPECT_FALSE(take_records(*ring, taken));
  ring->taken.store(RecordRing::kBytes + 2);
  EXPECT_FALSE(take_records(*ring, taken));
  EXPECT_TRUE(taken.empty());
}

TEST(RecordRing, ARecordOnStderrBesideSharedRecordsIsAnError) {
  std::vector<TrialEvent> trials;
  RunnerStream stream([&](TrialEvent e) { trials.push_back(std::move(e)); });
  stream.feed("a line of the case's own\n");
  stream.feed_records("@lockstress/1 trial index=0 seed=1 count=5 ns=7 reports=0\n");
  EXPECT_FALSE(stream.error());
  stream.feed("@lockstress/1 trial index=1 seed=1 count=5 ns=7 reports=0\n");
  ASSERT_TRUE(stream.error());
  EXPECT_NE(stream.error()->find("a record on stderr"), std::string::npos) << *stream.error();
  EXPECT_EQ(trials.size(), 1u);
}

TEST(RecordRing, SharedLinesAreWholeRecords) {
  for (const char* lines : {"@lockstress/1 trial index=0 seed=1 count=5", "not a record\n"}) {
    RunnerStream stream([](TrialEvent) {});
    stream.feed_records(lines);
    EXPECT_TRUE(stream.error()) << lines;
  }
}

}  // namespace
}  // namespace lockstress
