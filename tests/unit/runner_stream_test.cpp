#include "harness/ingest/runner_stream.hpp"

#include <gtest/gtest.h>

namespace lockstress {
namespace {

constexpr const char* kReport =
    "==================\n"
    "WARNING: ThreadSanitizer: data race (pid=1)\n"
    "  Write of size 8 at 0x1 by thread T1:\n"
    "    #0 f() /src/a.cpp:3:5 (x+0x1)\n"
    "SUMMARY: ThreadSanitizer: data race /src/a.cpp:3:5 in f()\n"
    "==================\n";

struct Collected {
  std::vector<TrialEvent> trials;
  RunnerStream stream{[this](TrialEvent e) { trials.push_back(std::move(e)); }};
};

TEST(RunnerStream, AttributesEachReportToTheTrialWhoseRecordFollowsIt) {
  Collected c;
  c.stream.feed(std::string(kReport) + kReport +
                "@lockstress/1 trial index=0 seed=11 count=9 ns=100 reports=2\n"
                "@lockstress/1 trial index=1 seed=12 count=10 ns=200 reports=0\n" +
                kReport + "@lockstress/1 trial index=2 seed=13 count=8 ns=300 reports=1\n" +
                "@lockstress/1 end trials=3\n");
  c.stream.finish();
  ASSERT_EQ(c.trials.size(), 3u);
  EXPECT_EQ(c.trials[0].report_texts.size(), 2u);
  EXPECT_EQ(c.trials[0].seed, 11u);
  EXPECT_EQ(c.trials[0].count, 9);
  EXPECT_EQ(c.trials[0].runtime_reports, 2);
  EXPECT_TRUE(c.trials[1].report_texts.empty());
  EXPECT_EQ(c.trials[2].report_texts.size(), 1u);
  EXPECT_EQ(c.trials[2].nanoseconds, 300);
  EXPECT_NE(c.trials[2].report_texts[0].find("WARNING: ThreadSanitizer"), std::string::npos);
  EXPECT_TRUE(c.stream.ended());
  EXPECT_FALSE(c.stream.error());
}

// The model's: a schedule in which no thread could go on, and a runner that ends early to be
// restarted (its deadlocked schedules' threads stay parked).
TEST(RunnerStream, ReadsADeadlockedTrialAndARestartRequest) {
  Collected c;
  c.stream.feed(
      "@lockstress/1 trial index=0 seed=11 count=3 ns=100 reports=1 deadlock=1\n"
      "@lockstress/1 trial index=1 seed=12 count=6 ns=100 reports=0\n"
      "@lockstress/1 end trials=2 restart=1\n");
  c.stream.finish();
  ASSERT_EQ(c.trials.size(), 2u);
  EXPECT_TRUE(c.trials[0].deadlock);
  EXPECT_FALSE(c.trials[1].deadlock);
  EXPECT_TRUE(c.stream.restart_asked());
  EXPECT_FALSE(c.stream.error());
  for (const char* bad : {"@lockstress/1 trial index=0 seed=1 count=1 ns=1 reports=0 deadlock=0\n",
                          "@lockstress/1 end trials=0 restart=yes\n"}) {
    Collected d;
    d.stream.feed(bad);
    d.stream.finish();
    EXPECT_TRUE(d.stream.error()) << bad;
  }
}

// The model runner's schedule fields: what replays it and how it went (protocol.hpp).
TEST(RunnerStream, ReadsAModelSchedulesFields) {
  Collected c;
  c.stream.feed(
      "@lockstress/1 trial index=0 seed=11 count=5 ns=100 reports=0 model=pct/c11/d3/k40/s11 "
      "steps=41 switches=3 fallbacks=0 hash=00ff0000000000a1 choices=0*12.1*9.0\n"
      "@lockstress/1 trial index=1 seed=12 count=6 ns=100 reports=0 model=random/sc/d3/k40/s12 "
      "steps=7 switches=2 fallbacks=1 hash=ffffffffffffffff\n"
      "@lockstress/1 trial index=2 seed=13 count=6 ns=100 reports=0\n"
      "@lockstress/1 end trials=3\n");
  c.stream.finish();
  ASSERT_FALSE(c.stream.error()) << *c.stream.error();
  ASSERT_EQ(c.trials.size(), 3u);
  ASSERT_TRUE(c.trials[0].model);
  EXPECT_EQ(c.trials[0].model->replay_key, "pct/c11/d3/k40/s11");
  EXPECT_EQ(c.trials[0].model->steps, 41);
  EXPECT_EQ(c.trials[0].model->switches, 3);
  EXPECT_EQ(c.trials[0].model->fallbacks, 0);
  EXPECT_EQ(c.trials[0].model->trace_hash, 0x00ff0000000000a1u);
  EXPECT_EQ(c.trials[0].model->choices, "0*12.1*9.0");
  ASSERT_TRUE(c.trials[1].model);
  EXPECT_EQ(c.trials[1].model->fallbacks, 1);
  EXPECT_EQ(c.trials[1].model->trace_hash, 0xffffffffffffffffu);
  EXPECT_EQ(c.trials[1].model->choices, "");
  EXPECT_FALSE(c.trials[2].model);
  const std::string head = "@lockstress/1 trial index=0 seed=1 count=1 ns=1 reports=0 ";
  for (const char* bad : {"model=pct/c11/d3/k40/s1 steps=1 switches=1 fallbacks=0\n",
                          "model=pct/c11/d3/k40/s1 steps=1 switches=1 fallbacks=0 hash=12\n",
                          "model=pct/c11/d3/k40/s1 steps=1 switches=1 fallbacks=0 "
                          "hash=00FF0000000000A1\n",
                          "model=pct/c11/d3/k40/s1 steps=-1 switches=1 fallbacks=0 "
                          "hash=0000000000000000\n",
                          "model=PCT%20x steps=1 switches=1 fallbacks=0 hash=0000000000000000\n",
                          "model=pct/c11/d3/k40/s1 steps=1 switches=1 fallbacks=0 "
                          "hash=0000000000000000 choices=0;rm\n"}) {
    Collected d;
    d.stream.feed(head + bad);
    d.stream.finish();
    EXPECT_TRUE(d.stream.error()) << bad;
  }
}

TEST(RunnerStream, ReadsTheModelRecordOfHowSchedulesAreDrawn) {
  Collected c;
  c.stream.feed(
      "@lockstress/1 placement pin=none cpus=-1,-1\n"
      "@lockstress/1 model strategy=pct memory=c11 threads=2 steps=37 depth=3\n"
      "@lockstress/1 trial index=0 seed=11 count=6 ns=100 reports=0\n"
      "@lockstress/1 end trials=1\n");
  c.stream.finish();
  EXPECT_FALSE(c.stream.error());
  ASSERT_TRUE(c.stream.model_schedules());
  const ModelSchedules& model = *c.stream.model_schedules();
  EXPECT_EQ(model.strategy, "pct");
  EXPECT_EQ(model.memory, "c11");
  EXPECT_EQ(model.threads, 2);
  EXPECT_EQ(model.steps, 37);
  EXPECT_EQ(model.depth, 3);
  EXPECT_TRUE(model.pct());

  Collected other;
  other.stream.feed("@lockstress/1 trial index=0 seed=11 count=6 ns=100 reports=0\n");
  EXPECT_FALSE(other.stream.model_schedules());  // the other runners write none
}

TEST(RunnerStream, AMalformedOrRepeatedModelRecordIsAnError) {
  for (const char* record :
       {"@lockstress/1 model strategy=pct memory=c11 threads=2 steps=0 depth=3\n",
        "@lockstress/1 model strategy=pct memory=c11 threads=2 steps=37\n",
        "@lockstress/1 model strategy=pct memory=c11 threads=x steps=37 depth=3\n"}) {
    Collected c;
    c.stream.feed(record);
    EXPECT_TRUE(c.stream.error()) << record;
  }
  Collected twice;
  twice.stream.feed(
      "@lockstress/1 model strategy=pct memory=c11 threads=2 steps=37 depth=3\n"
      "@lockstress/1 model strategy=pct memory=c11 threads=2 steps=38 depth=3\n");
  EXPECT_TRUE(twice.stream.error());
}

TEST(RunnerStream, ReadsTheReportsDroppedPastTheCap) {
  Collected c;
  c.stream.feed(std::string(kReport) +
                "@lockstress/1 trial index=0 seed=1 count=5 ns=7 reports=1 dropped=40\n"
                "@lockstress/1 trial index=1 seed=2 count=5 ns=7 reports=0\n"
                "@lockstress/1 end trials=2\n");
  c.stream.finish();
  ASSERT_EQ(c.trials.size(), 2u);
  EXPECT_EQ(c.trials[0].dropped_reports, 40);
  EXPECT_EQ(c.trials[0].report_texts.size(), 1u);
  EXPECT_EQ(c.trials[1].dropped_reports, 0);
  EXPECT_FALSE(c.stream.error());
}

TEST(RunnerStream, ReassemblesLinesSplitAcrossReads) {
  const std::string all = std::string(kReport) +
                          "@lockstress/1 trial index=0 seed=1 count=5 ns=7 reports=1\n"
                          "@lockstress/1 end trials=1\n";
  Collected c;
  for (char byte : all) c.stream.feed(std::string_view(&byte, 1));
  c.stream.finish();
  ASSERT_EQ(c.trials.size(), 1u);
  EXPECT_EQ(c.trials[0].report_texts.size(), 1u);
  EXPECT_TRUE(c.stream.ended());
}

TEST(RunnerStream, ReportsAfterTheEndRecordAreOutsideTrials) {
  Collected c;
  c.stream.feed(std::string("@lockstress/1 end trials=0\n") + kReport);
  c.stream.finish();
  EXPECT_TRUE(c.stream.ended());
  EXPECT_EQ(c.stream.reports_outside_trials().size(), 1u);
}

TEST(RunnerStream, ARecordCutShortIsAnError) {
  Collected c;
  c.stream.feed("@lockstress/1 trial index=0 seed=1 count=5 ns=7 reports=0\n@lockstress/1 tri");
  c.stream.finish();
  EXPECT_EQ(c.trials.size(), 1u);
  ASSERT_TRUE(c.stream.error());
  EXPECT_NE(c.stream.error()->find("middle of a record"), std::string::npos);
  EXPECT_FALSE(c.stream.ended());
}

TEST(RunnerStream, MalformedRecordsAreErrorsNotCrashes) {
  for (const char* bad :
       {"@lockstress/1 trial index=x seed=1 count=1 ns=1 reports=0\n",
        "@lockstress/1 trial index=0 seed=1 count=1 ns=1\n",
        "@lockstress/1 trial index=0 seed=1 count=1 ns=1 reports=-1\n",
        "@lockstress/1 trial index=0 seed=1 count=1 ns=1 reports=1 dropped=-2\n",
        "@lockstress/1 trial index=0 seed=1 count=1 ns=1 reports=1 dropped=many\n",
        "@lockstress/1 trial index=99999999999999999999 seed=1 count=1 ns=1 reports=0\n",
        "@lockstress/1 mystery\n", "@lockstress/1 end trials=4\n", "@lockstress/1 \n"}) {
    Collected c;
    c.stream.feed(bad);
    c.stream.finish();
    EXPECT_TRUE(c.stream.error()) << bad;
    EXPECT_TRUE(c.trials.empty()) << bad;
  }
}

TEST(RunnerStream, KeepsTheLastOtherLinesForDiagnosis) {
  Collected c;
  c.stream.feed("hello\nFATAL: ThreadSanitizer: unexpected memory mapping 0x1-0x2\n");
  c.stream.finish();
  ASSERT_EQ(c.stream.tail().size(), 2u);
  EXPECT_EQ(c.stream.tail().back(), "FATAL: ThreadSanitizer: unexpected memory mapping 0x1-0x2");
  EXPECT_FALSE(c.stream.ended());
}

TEST(RunnerStream, ReportsOfATrialThatNeverFinishedAreKeptForIt) {
  Collected c;
  c.stream.feed(std::string(kReport) +
                "==================\nWARNING: ThreadSanitizer: data race (pid=1)\n  Write of");
  c.stream.finish();
  EXPECT_TRUE(c.stream.reports_outside_trials().empty());
  ASSERT_EQ(c.stream.reports_of_unfinished_trial().size(), 2u);
  EXPECT_NE(c.stream.reports_of_unfinished_trial()[1].find("Write of"), std::string::npos);
  EXPECT_EQ(c.stream.report_blocks(), 2);
}

// A restarted runner continues at trial K; a record of any other trial is a broken runner.
TEST(RunnerStream, TrialsMustComeInOrderFromTheFirstTrialAsked) {
  std::vector<TrialEvent> trials;
  RunnerStream stream([&](TrialEvent e) { trials.push_back(std::move(e)); }, 5, 100);
  stream.feed(
      "@lockstress/1 trial index=5 seed=1 count=100 ns=7 reports=0\n"
      "@lockstress/1 trial index=7 seed=1 count=100 ns=7 reports=0\n");
  stream.finish();
  EXPECT_EQ(trials.size(), 1u);
  ASSERT_TRUE(stream.error());
  EXPECT_EQ(*stream.error(), "trial record 7 where trial 6 was due");
}

TEST(RunnerStream, ACountNoTrialCanReachIsAnError) {
  for (const char* count : {"101", "-1"}) {
    std::vector<TrialEvent> trials;
    RunnerStream stream([&](TrialEvent e) { trials.push_back(std::move(e)); }, 0, 100);
    stream.feed(std::string("@lockstress/1 trial index=0 seed=1 count=") + count +
                " ns=7 reports=0\n");
    EXPECT_TRUE(trials.empty()) << count;
    ASSERT_TRUE(stream.error()) << count;
    EXPECT_NE(stream.error()->find("impossible trial record"), std::string::npos);
  }
}

TEST(RunnerStream, ReadsTheExceptionRecordToTheEndOfTheLine) {
  Collected c;
  c.stream.feed(
      "@lockstress/1 trial index=0 seed=1 count=5 ns=7 reports=0\n"
      "@lockstress/1 exception index=1 seed=99 what=std::runtime_error: a=b c what=d\n");
  c.stream.finish();
  EXPECT_FALSE(c.stream.error());
  ASSERT_TRUE(c.stream.exception());
  EXPECT_EQ(c.stream.exception()->index, 1);
  EXPECT_EQ(c.stream.exception()->seed, 99u);
  EXPECT_EQ(c.stream.exception()->what, "std::runtime_error: a=b c what=d");
}

TEST(RunnerStream, AnExceptionRecordForAnotherTrialOrFollowedByRecordsIsAnError) {
  Collected wrong_trial;
  wrong_trial.stream.feed("@lockstress/1 exception index=3 seed=1 what=x\n");
  EXPECT_TRUE(wrong_trial.stream.error());
  Collected after;
  after.stream.feed("@lockstress/1 exception index=0 seed=1 what=x\n@lockstress/1 end trials=0\n");
  EXPECT_TRUE(after.stream.error());
  Collected malformed;
  malformed.stream.feed("@lockstress/1 exception index=0 seed=1\n");
  EXPECT_TRUE(malformed.stream.error());
}

TEST(RunnerStream, NotesTheSanitizersOwnErrorLine) {
  Collected c;
  c.stream.feed(
      "ThreadSanitizer:DEADLYSIGNAL\n"
      "==42==ERROR: ThreadSanitizer: SEGV on unknown address 0x8 (pc 0x1 bp 0x2)\n"
      "    #0 f() a.cpp:1\n"
      "==42==ERROR: ThreadSanitizer: later\n");
  c.stream.finish();
  ASSERT_TRUE(c.stream.sanitizer_error());
  EXPECT_EQ(*c.stream.sanitizer_error(),
            "ERROR: ThreadSanitizer: SEGV on unknown address 0x8 (pc 0x1 bp 0x2)");
  Collected plain;
  plain.stream.feed("ERROR: my program: no Sanitizer here\nFATAL: ThreadSanitizer: x\n");
  ASSERT_TRUE(plain.stream.sanitizer_error());
  EXPECT_EQ(*plain.stream.sanitizer_error(), "FATAL: ThreadSanitizer: x");
}

}  // namespace
}  // namespace lockstress
