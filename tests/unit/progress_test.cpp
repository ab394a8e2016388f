#include "harness/driver/progress.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace lockstress {
namespace {

using namespace std::chrono_literals;

// A clock the test moves by hand.
struct FakeClock {
  Progress::Clock::time_point now{};
  std::function<Progress::Clock::time_point()> function() {
    return [this] { return now; };
  }
};

TEST(Progress, ModeFollowsTheTerminalUnlessForcedOrSilenced) {
  EXPECT_EQ(progress_mode(false, false, true), Progress::Mode::terminal);
  EXPECT_EQ(progress_mode(false, false, false), Progress::Mode::off);
  EXPECT_EQ(progress_mode(true, false, true), Progress::Mode::off);
  EXPECT_EQ(progress_mode(false, true, false), Progress::Mode::log);
  EXPECT_EQ(progress_mode(true, true, false), Progress::Mode::log);
  EXPECT_EQ(progress_mode(true, true, true), Progress::Mode::terminal);
}

TEST(Progress, ATerminalLineAppearsAfterTwoSecondsAndIsRedrawnInPlace) {
  FakeClock clock;
  std::ostringstream out;
  Progress progress(out, Progress::Mode::terminal, 40, clock.function());
  progress.start_cell("unsafe_counter/plain", 20);
  clock.now += 1s;
  progress.trial_done(true);
  EXPECT_EQ(out.str(), "");  // a short run shows nothing
  clock.now += 1s;
  progress.trial_done(false);
  EXPECT_EQ(out.str(),
            "\rlockstress: unsafe_counter/plain 2/20 trials, 1 failed; run 2/40, ETA 38 s\x1b[K");
  clock.now += 50ms;
  progress.trial_done(true);
  EXPECT_EQ(out.str().find("3/20"), std::string::npos);  // at most ten redraws a second
  clock.now += 100ms;
  progress.trial_done(true);
  EXPECT_NE(out.str().find("\rlockstress: unsafe_counter/plain 4/20 trials, 3 failed; run 4/40"),
            std::string::npos);
  progress.finish();
  EXPECT_EQ(out.str().substr(out.str().size() - 4), "\r\x1b[K");
}

TEST(Progress, UnderATimeBudgetTheLineCountsDownTheBudget) {
  FakeClock clock;
  std::ostringstream out;
  Progress progress(out, Progress::Mode::log, 0, clock.function());
  progress.set_time_budget(30);
  progress.start_cell("unsafe_counter/plain", 0);
  progress.trial_done(true);
  clock.now += 12s;
  progress.trial_done(false);
  EXPECT_EQ(out.str(),
            "lockstress: unsafe_counter/plain 2 trials, 1 failed; run 2 trials, 18 s "
            "left of 30 s\n");
}

TEST(Progress, ALogGetsAWholeLinePerCellAndEveryTenSeconds) {
  FakeClock clock;
  std::ostringstream out;
  Progress progress(out, Progress::Mode::log, 4, clock.function());
  progress.start_cell("locked_counter/tsan", 2);
  progress.trial_done(false);
  clock.now += 11s;
  progress.trial_done(false);
  progress.end_cell();
  progress.finish();
  EXPECT_EQ(out.str(),
            "lockstress: locked_counter/tsan 2/2 trials, 0 failed; run 2/4, ETA 11 s\n"
            "lockstress: locked_counter/tsan 2/2 trials, 0 failed; run 2/4, ETA 11 s\n");
}

// A cell whose trials each take minutes, or whose runner hangs: a log must still hear from the
// run every 10 s (it stayed silent for 30 s when only finished trials drew the line).
TEST(Progress, ALogGetsItsLineEveryTenSecondsEvenWhenNoTrialFinishes) {
  FakeClock clock;
  std::ostringstream out;
  Progress progress(out, Progress::Mode::log, 4, clock.function());
  progress.start_cell("slow/plain", 4);
  clock.now += 9s;
  progress.tick();
  EXPECT_EQ(out.str(), "");
  clock.now += 2s;
  progress.tick();
  clock.now += 5s;
  progress.tick();
  EXPECT_EQ(out.str(), "lockstress: slow/plain 0/4 trials, 0 failed; run 0/4, ETA ?\n");
  clock.now += 5s;
  progress.tick();
  EXPECT_EQ(out.str(),
            "lockstress: slow/plain 0/4 trials, 0 failed; run 0/4, ETA ?\n"
            "lockstress: slow/plain 0/4 trials, 0 failed; run 0/4, ETA ?\n");
}

TEST(Progress, OffWritesNothing) {
  FakeClock clock;
  std::ostringstream out;
  Progress progress(out, Progress::Mode::off, 4, clock.function());
  progress.start_cell("x/plain", 4);
  clock.now += 60s;
  progress.trial_done(true);
  progress.end_cell();
  progress.finish();
  EXPECT_EQ(out.str(), "");
}

TEST(Progress, DurationsReadNaturally) {
  EXPECT_EQ(format_duration(0.4), "0 s");
  EXPECT_EQ(format_duration(59.4), "59 s");
  EXPECT_EQ(format_duration(185), "3 min 05 s");
  EXPECT_EQ(format_duration(7440), "2 h 04 min");
}

}  // namespace
}  // namespace lockstress
