#include "harness/analysis/comparison.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "harness/reporters/comparison_reporter.hpp"
#include "harness/summary/format.hpp"
#include "result_testing.hpp"
#include "sample_summary.hpp"
#include "test_variants.hpp"

namespace lockstress {
namespace {

using testing::message_of;

// A summary of hand-picked counts: (case, variant, failed trials, trials with reports, trials).
struct Counts {
  std::string name;
  Variant variant;
  std::int64_t failed;
  std::int64_t reported;
  std::int64_t trials;
  bool race = false;
};

Summary summary_of(const std::vector<Counts>& cells) {
  Summary s = testing::sample_summary();
  s.results.clear();
  for (const Counts& c : cells) {
    CellResult cell;
    cell.plan.case_name = c.name;
    cell.plan.variant = c.variant;
    cell.plan.threads = 2;
    cell.plan.iterations = 10000;
    cell.plan.expect = c.race ? Expect::race_caught_by_plain_only("store buffer") : Expect::safe;
    cell.measured.trials = c.trials;
    cell.measured.failures = rate(c.failed, c.trials);
    cell.measured.report_trials = rate(c.reported, c.trials);
    s.results.push_back(cell);
  }
  return s;
}

const ComparisonRow& find(const Comparison& c, const std::string& name, Variant variant,
                          const std::string& measure) {
  for (const ComparisonRow& r : c.rows) {
    if (r.case_name == name && r.variant == variant && r.measure == measure) return r;
  }
  throw std::runtime_error("no row " + name);
}

TEST(Comparison, PairsCellsAndComputesFisherPerMeasure) {
  const Summary base = summary_of({{"peterson_acq_rel", testing::kPlain, 0, 0, 500, true},
                                   {"locked_counter", testing::kPlain, 0, 0, 200},
                                   {"locked_counter", testing::kTsan, 0, 0, 200},
                                   {"gone", testing::kPlain, 0, 0, 10}});
  const Summary now = summary_of({{"peterson_acq_rel", testing::kPlain, 96, 0, 500, true},
                                  {"locked_counter", testing::kPlain, 0, 0, 200},
                                  {"locked_counter", testing::kTsan, 0, 1, 200},
                                  {"new_case", testing::kPlain, 0, 0, 10}});
  Result<Comparison> c = compare_summaries(base, now, 0.01);
  ASSERT_TRUE(c) << message_of(c);
  EXPECT_EQ(c->rows.size(), 4u);  // plain: lost updates; tsan: lost updates and reports

  const ComparisonRow& peterson = find(*c, "peterson_acq_rel", testing::kPlain, "lost updates");
  EXPECT_NEAR(peterson.fisher.log10_p, -30.791413012891446, 1e-9);
  EXPECT_TRUE(peterson.significant);
  EXPECT_FALSE(peterson.safe_got_worse);  // a race case: its rate is the platform's, not a bug

  // One report where the base had none: not significant (p = 1), yet a safe case got worse.
  const ComparisonRow& reports = find(*c, "locked_counter", testing::kTsan, "sanitizer reports");
  EXPECT_DOUBLE_EQ(reports.fisher.p_value, 1.0);
  EXPECT_FALSE(reports.significant);
  EXPECT_TRUE(reports.safe_got_worse);
  EXPECT_TRUE(c->any_safe_got_worse());
  EXPECT_FALSE(find(*c, "locked_counter", testing::kPlain, "lost updates").safe_got_worse);

  EXPECT_EQ(c->only_in_base, std::vector<std::string>{"gone/plain 2x10000"});
  EXPECT_EQ(c->only_in_new, std::vector<std::string>{"new_case/plain 2x10000"});
}

TEST(Comparison, ASafeCaseThatFailsLessOrAsOftenIsNotWorse) {
  const Summary base = summary_of({{"lock", testing::kPlain, 5, 0, 100}});
  for (std::int64_t failed : {0, 5, 9}) {  // 9/100 against 5/100: p = 0.41, not significant
    auto c = compare_summaries(base, summary_of({{"lock", testing::kPlain, failed, 0, 100}}), 0.01);
    ASSERT_TRUE(c) << message_of(c);
    EXPECT_FALSE(c->any_safe_got_worse()) << failed;
  }
  auto c = compare_summaries(base, summary_of({{"lock", testing::kPlain, 30, 0, 100}}), 0.01);
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->any_safe_got_worse());  // 30/100 against 5/100: p ~ 2e-6
}

TEST(Comparison, RefusesSummariesWithNothingInCommonOrACellTwice) {
  EXPECT_EQ(message_of(compare_summaries(summary_of({{"a", testing::kPlain, 0, 0, 10}}),
                                         summary_of({{"b", testing::kPlain, 0, 0, 10}}), 0.01)),
            "the two summaries have no (case, variant, threads, iterations) in common");
  EXPECT_EQ(message_of(compare_summaries(
                summary_of({{"a", testing::kPlain, 0, 0, 10}, {"a", testing::kPlain, 1, 0, 10}}),
                summary_of({{"a", testing::kPlain, 0, 0, 10}}), 0.01)),
            "the base summary has a/plain 2x10000 twice (merge shards before comparing)");
}

TEST(Comparison, PrintsBothRatesThePValueAndTheChangesInWords) {
  const Summary base = summary_of({{"peterson_acq_rel", testing::kPlain, 0, 0, 500, true}});
  const Summary now = summary_of({{"peterson_acq_rel", testing::kPlain, 96, 0, 500, true}});
  auto c = compare_summaries(base, now, 0.01);
  ASSERT_TRUE(c);
  std::ostringstream out;
  write_comparison(*c, base, "x86.json", now, "arm.json", out);
  const std::string text = out.str();
  EXPECT_EQ(text.rfind("base: x86.json on " + format_platform(base.context) + "; seed ", 0), 0u)
      << text;
  EXPECT_NE(text.find("0/500  0% [0, 0.6%]  96/500  19% [16%, 23%]  1.6e-31  more (significant)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("peterson_acq_rel/plain 2x10000, lost updates: 0/500 on the base platform, "
                      "96/500 here, p = 1.6e-31"),
            std::string::npos)
      << text;
}

// compare printed case names and CPU models from its inputs raw: a summary could clear the
// screen and forge lines (issue 13 item 13).
TEST(Comparison, WhatTheSummariesHoldReachesTheTerminalAsTextOnly) {
  Summary base = summary_of({{"evil\x1b[2J\nlockstress: all good", testing::kPlain, 0, 0, 500}});
  Summary now = base;
  base.context.cpu_model = "CPU\x1b]0;owned\x07";
  auto c = compare_summaries(base, now, 0.01);
  ASSERT_TRUE(c);
  std::ostringstream out;
  write_comparison(*c, base, "x86\x1b.json", now, "arm.json", out);
  const std::string text = out.str();
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_EQ(text.find('\x07'), std::string::npos) << text;
  EXPECT_EQ(text.find("\nlockstress: all good"), std::string::npos) << text;
  EXPECT_NE(text.find("evil\\x1b[2J\\x0alockstress: all good/plain"), std::string::npos) << text;
  EXPECT_NE(text.find("CPU\\x1b]0;owned\\x07"), std::string::npos) << text;
}

TEST(FormatPValue, PrintsSmallValuesFromTheirLogarithm) {
  EXPECT_EQ(format_p_value({0.4857142857, std::log10(0.4857142857)}), "0.49");
  EXPECT_EQ(format_p_value({1, 0}), "1");
  EXPECT_EQ(format_p_value({0.00042, std::log10(0.00042)}), "4.2e-4");
  EXPECT_EQ(format_p_value({0.0042, std::log10(0.0042)}), "0.0042");
  EXPECT_EQ(format_p_value({0, -1803.891790328913}), "1.3e-1804");
}

}  // namespace
}  // namespace lockstress
