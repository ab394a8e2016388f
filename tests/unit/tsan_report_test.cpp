#include "harness/ingest/tsan_report.hpp"

#include <gtest/gtest.h>

#include "test_data.hpp"

namespace lockstress {
namespace {

using testing::read_test_data;

TEST(TsanReport, ClangDataRaceOnTheUnsafeCounterNamesTheCaseNotTheHelper) {
  auto report =
      parse_tsan_report(read_test_data("tsan_clang_data_race_unsafe_counter.txt"), "/work/main");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->kind, "data race");
  // Both accesses are the same line; the heap allocation and thread creation stacks are not
  // accesses, and unlocked_increment() is skipped for its caller.
  ASSERT_EQ(report->locations.size(), 1u);
  EXPECT_EQ(report->locations[0].file, "cases/unsafe_counter.cpp");
  EXPECT_EQ(report->locations[0].line, 13);
  EXPECT_EQ(report->locations[0].column, 58);
  EXPECT_EQ(report->locations[0].function,
            "lockstress::(anonymous namespace)::UnguardedIncrement::operator()(long&, int)");
  EXPECT_EQ(signature(*report),
            "data race at cases/unsafe_counter.cpp:13 in "
            "lockstress::(anonymous namespace)::UnguardedIncrement::operator()(long&, int)");
}

// The TSan runner prints frames without "(module+0xoffset) (BuildId: ...)" since its options set
// stack_trace_format (sanitizers/tsan_options.cpp); reports in the runtime's default format (the
// file above, and any runner built with other options) must read the same.
TEST(TsanReport, FramesWithAndWithoutTheModuleGiveTheSameSignature) {
  auto with_module =
      parse_tsan_report(read_test_data("tsan_clang_data_race_unsafe_counter.txt"), "/work/main");
  auto short_frames = parse_tsan_report(
      read_test_data("tsan_clang_data_race_unsafe_counter_short_frames.txt"), "/work/main");
  ASSERT_TRUE(with_module);
  ASSERT_TRUE(short_frames);
  ASSERT_EQ(short_frames->locations.size(), 1u);
  EXPECT_EQ(short_frames->locations[0].column, 58);
  EXPECT_EQ(signature(*short_frames), signature(*with_module));
  // A frame with neither source nor module: "<null>" where the module would have been.
  auto unknown = parse_tsan_report(
      "WARNING: ThreadSanitizer: data race (pid=1)\n"
      "  Write of size 8 at 0x1 by thread T1:\n"
      "    #0 memset <null>\n"
      "    #1 f() /src/a.cpp:3:1\n",
      "/src");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(signature(*unknown), "data race at a.cpp:3 in f()");
}

TEST(TsanReport, ClangAndGccDataRacesGiveTheSameSignature) {
  auto clang = parse_tsan_report(read_test_data("tsan_clang_data_race_global.txt"), "/tmp/probe");
  auto gcc = parse_tsan_report(read_test_data("tsan_gcc_data_race_global.txt"), "/tmp/probe");
  ASSERT_TRUE(clang);
  ASSERT_TRUE(gcc);
  EXPECT_EQ(signature(*clang), "data race at loi.cpp:7 in inc()");
  EXPECT_EQ(signature(*gcc), signature(*clang));
  EXPECT_EQ(gcc->locations[0].column, 0);  // g++ prints no columns
}

TEST(TsanReport, LockOrderInversionNamesBothAcquisitionsPastTheLibraryFrames) {
  for (const char* file :
       {"tsan_clang_lock_order_inversion.txt", "tsan_gcc_lock_order_inversion.txt"}) {
    auto report = parse_tsan_report(read_test_data(file), "/tmp/probe/");
    ASSERT_TRUE(report) << file;
    EXPECT_EQ(report->kind, "lock-order-inversion") << file;
    ASSERT_EQ(report->locations.size(), 2u) << file;
    EXPECT_EQ(report->locations[0].function, "first()") << file;
    EXPECT_EQ(report->locations[1].function, "second()") << file;
    EXPECT_EQ(report->locations[1].file, "loi.cpp") << file;
  }
}

TEST(TsanReport, KeepsAbsolutePathsOutsideTheSourceRoot) {
  auto report = parse_tsan_report(read_test_data("tsan_clang_data_race_global.txt"), "/elsewhere");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->locations[0].file, "/tmp/probe/loi.cpp");
}

// ccache's base_dir compiles with source paths relative to the build tree, which the symbolizer
// prints behind the compile directory.
TEST(TsanReport, FramesBehindTheBuildTreeAreMadeRelativeToo) {
  auto report = parse_tsan_report(
      "WARNING: ThreadSanitizer: data race (pid=1)\n"
      "  Write of size 8 at 0x1 by thread T1:\n"
      "    #0 f() /src/build/asan/../../cases/a.cpp:3:1\n",
      "/src");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->locations[0].file, "cases/a.cpp");
}

TEST(TsanReport, ReportsWithoutAccessSectionsUseTheirFirstStack) {
  const std::string text =
      "WARNING: ThreadSanitizer: signal-unsafe call inside of a signal (pid=1)\n"
      "    #0 malloc <null> (a.out+0x1)\n"
      "    #1 handler(int) /src/sig.cpp:9:3 (a.out+0x2)\n"
      "\n"
      "SUMMARY: ThreadSanitizer: signal-unsafe call inside of a signal /src/sig.cpp:9:3 in "
      "handler(int)\n";
  auto report = parse_tsan_report(text, "/src");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->kind, "signal-unsafe call inside of a signal");
  ASSERT_EQ(report->locations.size(), 1u);
  EXPECT_EQ(report->locations[0].file, "sig.cpp");
  EXPECT_EQ(report->locations[0].line, 9);
}

TEST(TsanReport, RejectsTextWithoutAWarningLine) {
  EXPECT_FALSE(parse_tsan_report("", ""));
  EXPECT_FALSE(parse_tsan_report("random noise\n#0 f() a.cpp:1\n", ""));
}

TEST(TsanReport, SurvivesMalformedFrames) {
  const std::string text =
      "WARNING: ThreadSanitizer: data race (pid=1)\n"
      "  Write of size 8 at 0x1 by thread T1:\n"
      "    #0\n"
      "    #1 f() file.cpp:notanumber (x+0x1)\n"
      "    #2 g() :12:\n"
      "    # \n";
  auto report = parse_tsan_report(text, "");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->kind, "data race");
}

// Both stacks of a report, for SARIF's related locations and code flows: the accesses (or the
// acquisitions of a lock-order inversion), not the thread-creation or allocation stacks.
TEST(TsanReport, AccessStacksAreEachAccessWithItsFramesInnermostFirst) {
  const std::vector<ReportStack> race = access_stacks(
      read_test_data("tsan_clang_data_race_unsafe_counter.txt"), {"/elsewhere", "/work/main"});
  ASSERT_EQ(race.size(), 2u);
  EXPECT_EQ(race[0].title, "Write of size 8 at 0x7b3000000040 by thread T1");
  EXPECT_EQ(race[1].title, "Previous write of size 8 at 0x7b3000000040 by main thread");
  ASSERT_EQ(race[0].frames.size(), 16u);
  EXPECT_EQ(race[0].frames[0].file, "harness/include/lockstress/unlocked_increment.hpp");
  EXPECT_EQ(race[0].frames[1].file, "cases/unsafe_counter.cpp");
  EXPECT_EQ(race[0].frames[1].line, 13);
  EXPECT_EQ(race[0].frames[4].file.rfind("/usr/", 0), 0u) << "a library path stays absolute";
  EXPECT_EQ(race[1].frames.size(), 12u);
  EXPECT_TRUE(is_library_frame(race[0].frames[0]));
  EXPECT_FALSE(is_library_frame(race[0].frames[1]));

  const std::vector<ReportStack> inversion =
      access_stacks(read_test_data("tsan_clang_lock_order_inversion.txt"), {"/tmp/probe"});
  ASSERT_EQ(inversion.size(), 2u);
  EXPECT_EQ(inversion[0].title, "Mutex M1 acquired here while holding mutex M0 in thread T1");
  EXPECT_EQ(inversion[1].title, "Mutex M0 acquired here while holding mutex M1 in thread T2");
  EXPECT_FALSE(inversion[0].frames.empty());
  EXPECT_TRUE(access_stacks("WARNING: ThreadSanitizer: data race (pid=1)\n", {}).empty());
}

}  // namespace
}  // namespace lockstress
