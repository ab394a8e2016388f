// The console summary names the start line, perturbation and stopping rule when they are not the
// defaults, and says nothing of them in a plain fixed run.

#include <gtest/gtest.h>

#include <sstream>

#include "harness/reporters/reporters.hpp"
#include "harness/analysis/stopping.hpp"
#include "sample_summary.hpp"

namespace lockstress {
namespace {

std::string console(const Summary& summary) {
  std::ostringstream out;
  write_console(summary, out);
  return out.str();
}

// A merged summary's case names and CPU model reached the terminal raw (issue 13 item 13).
TEST(ConsoleSettings, NoInputReachesTheTerminalAsAControlCharacter) {
  Summary summary = testing::sample_summary();
  summary.context.cpu_model = "CPU\x1b[2J";
  summary.results.front().plan.case_name = "c\nlockstress: forged\x9b";
  const std::string text = console(summary);
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_EQ(text.find("\nlockstress: forged"), std::string::npos) << text;
  EXPECT_NE(text.find("CPU\\x1b[2J"), std::string::npos) << text;
}

TEST(ConsoleSettings, DefaultRunsSayNothingOfThem) {
  Summary summary = testing::sample_summary();
  const Context defaults;
  summary.context.perturb = defaults.perturb;
  summary.context.stopping = defaults.stopping;
  summary.context.stopping_rule = defaults.stopping_rule;
  summary.context.stopping_note = defaults.stopping_note;
  const std::string text = console(summary);
  EXPECT_EQ(text.find("Start line:"), std::string::npos);
  EXPECT_EQ(text.find("Stopping:"), std::string::npos);
}

TEST(ConsoleSettings, OtherSettingsAreNamedWithWhatEachCellDid) {
  Summary summary = testing::sample_summary();
  const StoppingRule rule{.ci_width = 0.1, .stop_on_detect = true};
  summary.context.start_line = "spin";
  summary.context.perturb = "random";
  summary.context.stopping = rule;
  summary.context.stopping_rule = rule_text(rule);
  summary.context.stopping_note = interval_note(rule);
  const std::string text = console(summary);
  EXPECT_NE(text.find("\nStart line: spin; perturbation: random\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nStopping: " + rule_text(rule) + ".\n  " + interval_note(rule) + "\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  unsafe_counter/plain: 4 trials, stopped by first detection\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  locked_counter/tsan: 4 trials, stopped by ci width\n"), std::string::npos)
      << text;
}

}  // namespace
}  // namespace lockstress
