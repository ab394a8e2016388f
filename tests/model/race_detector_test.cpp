#include "sanitizers/model/race_detector.hpp"

#include <gtest/gtest.h>

namespace lockstress::model {
namespace {

Access access(int thread, std::uintptr_t address, std::uint32_t size, bool write, bool atomic,
              std::uintptr_t pc) {
  return Access{.thread = thread,
                .epoch = 1,
                .write = write,
                .atomic = atomic,
                .size = size,
                .address = address,
                .pc = pc};
}

VectorClock clock_of(int thread) {
  VectorClock clock;
  clock.set(thread, 1);
  return clock;
}

TEST(RaceDetector, UnorderedWriteAndReadOfTheSameBytesRace) {
  RaceDetector detector;
  detector.access(access(0, 0x1000, 8, true, false, 1), clock_of(0));
  detector.access(access(1, 0x1000, 8, false, false, 2), clock_of(1));
  ASSERT_EQ(detector.races().size(), 1u);
  EXPECT_EQ(detector.races()[0].previous.thread, 0);
  EXPECT_EQ(detector.races()[0].current.thread, 1);
}

TEST(RaceDetector, OrderedAccessesAtomicPairsAndOtherBytesDoNot) {
  RaceDetector detector;
  detector.access(access(0, 0x1000, 8, true, false, 1), clock_of(0));
  VectorClock after = clock_of(1);
  after.set(0, 1);  // thread 1 has synchronised with thread 0's write
  detector.access(access(1, 0x1000, 8, false, false, 2), after);
  detector.access(access(0, 0x2000, 4, true, true, 3), clock_of(0));
  detector.access(access(1, 0x2000, 4, true, true, 4), clock_of(1));
  // Thread 0 reads an atomic flag (byte 0) and a plain int beside it (bytes 4-7); thread 1's
  // atomic exchange of the flag races with neither.
  detector.access(access(0, 0x3000, 1, false, true, 5), clock_of(0));
  detector.access(access(0, 0x3004, 4, false, false, 6), clock_of(0));
  detector.access(access(1, 0x3000, 1, true, true, 7), clock_of(1));
  EXPECT_TRUE(detector.races().empty());
}

TEST(RaceDetector, AWriteOfOtherBytesDoesNotHideAnEarlierOne) {
  RaceDetector detector;
  detector.access(access(0, 0x1004, 4, true, false, 1), clock_of(0));
  detector.access(access(1, 0x1000, 1, true, true, 2), clock_of(1));  // bytes 0, atomic
  detector.access(access(1, 0x1004, 4, false, false, 3), clock_of(1));
  ASSERT_EQ(detector.races().size(), 1u);
  EXPECT_EQ(detector.races()[0].previous.pc, 1u);
  EXPECT_EQ(detector.races()[0].current.pc, 3u);
}

TEST(RaceDetector, AnUnalignedAccessSpanningTwoGranulesIsCheckedInBoth) {
  RaceDetector detector;
  detector.access(access(0, 0x100c, 4, true, false, 1), clock_of(0));
  detector.access(access(1, 0x1006, 4, false, false, 2), clock_of(1));  // bytes 6-9
  EXPECT_TRUE(detector.races().empty()) << "0x1006-0x1009 misses 0x100c-0x100f";
  detector.access(access(1, 0x100a, 4, false, false, 3), clock_of(1));  // bytes 0xa-0xd
  EXPECT_EQ(detector.races().size(), 1u);
}

TEST(RaceDetector, EachPairOfCodeLocationsIsReportedOnce) {
  RaceDetector detector;
  for (int i = 0; i < 3; ++i) {
    detector.access(access(0, 0x1000, 8, true, false, 1), clock_of(0));
    detector.access(access(1, 0x1000, 8, true, false, 2), clock_of(1));
  }
  EXPECT_EQ(detector.races().size(), 1u);
}

}  // namespace
}  // namespace lockstress::model
