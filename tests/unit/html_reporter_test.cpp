// The HTML report parsed as a tree: every cell has its table row and its plotted rate and
// interval, at the positions its numbers give; sweeps give one line per series.

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

#include "harness/reporters/reporters.hpp"
#include "markup.hpp"
#include "sample_summary.hpp"
#include "test_variants.hpp"

namespace lockstress {
namespace {

using testing::Element;

// The rate chart's geometry (svg_charts.cpp): the plot spans x = 300 to 760 for 0 to 100%.
std::string rate_x(double fraction) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", 300 + fraction * 460);
  return buffer;
}

std::string key(const CellResult& cell) {
  return cell.plan.case_name + "/" + cell.plan.variant.name + "/" +
         std::to_string(cell.plan.threads) + "x" + std::to_string(cell.plan.iterations);
}

Element parsed_html(const Summary& summary) {
  std::ostringstream out;
  write_html(summary, out);
  return testing::parse_markup(out.str());
}

std::vector<const Element*> charts(const Element& html, const std::string& css) {
  std::vector<const Element*> out;
  for (const Element* svg : html.all("svg")) {
    if (svg->has_class(css)) out.push_back(svg);
  }
  return out;
}

const Element* cell_group(const Element& svg, const std::string& cell_key) {
  for (const Element* g : svg.all("g")) {
    if (g->attribute("data-cell") == cell_key) return g;
  }
  return nullptr;
}

const Element* with_class(const Element& parent, const std::string& tag, const std::string& css) {
  for (const Element* e : parent.all(tag)) {
    if (e->has_class(css)) return e;
  }
  return nullptr;
}

TEST(HtmlReport, EveryRowHasItsRateAndIntervalPlotted) {
  const Summary summary = testing::sample_summary();
  const Element html = parsed_html(summary);
  ASSERT_EQ(html.name, "html");
  for (const Element* e : html.all("script")) ADD_FAILURE() << "a script: " << e->text;
  for (const Element* e : html.all("link")) ADD_FAILURE() << "a link to " << e->attribute("href");

  const std::vector<const Element*> rate_charts = charts(html, "rates");
  ASSERT_EQ(rate_charts.size(), 2u);  // failure rate; report rate (TSan's and the model's)
  std::size_t rows = 0;
  for (const Element* tr : html.all("tr")) rows += !tr->attribute("data-cell").empty();
  EXPECT_EQ(rows, summary.results.size());
  std::size_t reporting_cells = 0;
  for (const CellResult& cell : summary.results) {
    SCOPED_TRACE(key(cell));
    const Element* g = cell_group(*rate_charts[0], key(cell));
    ASSERT_TRUE(g);
    const Element* dot = with_class(*g, "circle", "rate");
    const Element* whisker = with_class(*g, "line", "ci");
    ASSERT_TRUE(dot && whisker);
    EXPECT_EQ(dot->attribute("cx"), rate_x(cell.measured.failures.value));
    EXPECT_EQ(whisker->attribute("x1"), rate_x(cell.measured.failures.ci95.low));
    EXPECT_EQ(whisker->attribute("x2"), rate_x(cell.measured.failures.ci95.high));
    EXPECT_EQ(g->all("title").size(), 1u);
    const Element* report_row = cell_group(*rate_charts[1], key(cell));
    EXPECT_EQ(report_row != nullptr, cell.plan.variant.info().reads_reports);
    if (report_row) {
      ++reporting_cells;
      EXPECT_EQ(with_class(*report_row, "circle", "rate")->attribute("cx"),
                rate_x(cell.measured.report_trials.value));
    }
  }
  EXPECT_EQ(reporting_cells, 4u);              // two TSan cells, two of the model's
  EXPECT_TRUE(charts(html, "sweep").empty());  // nothing was swept
}

CellResult sweep_cell(Variant variant, int threads, std::int64_t iterations, std::int64_t failed) {
  CellResult cell;
  cell.plan.case_name = "unsafe_counter";
  cell.plan.expect = Expect::race_caught_by({Detector::plain, Detector::tsan});
  cell.plan.variant = variant;
  cell.plan.threads = threads;
  cell.plan.iterations = iterations;
  cell.plan.trials = cell.measured.trials = 20;
  cell.measured.failures = rate(failed, 20);
  cell.measured.report_trials = rate(0, 20);
  return cell;
}

TEST(HtmlReport, ASweepOverThreadsDrawsOneLinePerVariant) {
  Summary summary = testing::sample_summary();
  summary.results.clear();
  const int threads[] = {8, 1, 2, 4};  // in any order: the plot sorts by the parameter
  for (const Variant& variant : builtin_variants()) {
    for (int t : threads)
      summary.results.push_back(sweep_cell(variant, t, 1000, t == 1 ? 0 : 2 * t));
  }
  const Element html = parsed_html(summary);
  const std::vector<const Element*> sweeps = charts(html, "sweep");
  ASSERT_EQ(sweeps.size(), 1u);  // iterations were not swept
  EXPECT_EQ(sweeps[0]->attribute("data-x"), "threads");
  const std::vector<const Element*> series = [&] {
    std::vector<const Element*> out;
    for (const Element* g : sweeps[0]->all("g")) {
      if (g->has_class("series")) out.push_back(g);
    }
    return out;
  }();
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[0]->attribute("data-series"), "plain, 1000 iterations");
  EXPECT_EQ(series[1]->attribute("data-series"), "tsan, 1000 iterations");
  for (const Element* s : series) {
    std::vector<const Element*> points;
    for (const Element* g : s->all("g")) {
      if (g->has_class("point")) points.push_back(g);
    }
    ASSERT_EQ(points.size(), 4u);
    double previous_x = -1;
    for (std::size_t i = 0; i < points.size(); ++i) {
      const int t = 1 << i;  // 1, 2, 4, 8 after sorting
      const std::string variant = s->has_class("plain") ? "plain" : "tsan";
      EXPECT_EQ(points[i]->attribute("data-cell"),
                "unsafe_counter/" + variant + "/" + std::to_string(t) + "x1000");
      const Element* dot = with_class(*points[i], "circle", "rate");
      ASSERT_TRUE(dot);
      const double x = std::stod(dot->attribute("cx"));
      EXPECT_GT(x, previous_x);
      previous_x = x;
      // Rate 0 at the bottom (y = 34 + 240), 100% at the top (y = 34).
      const double rate = t == 1 ? 0 : 2.0 * t / 20;
      EXPECT_NEAR(std::stod(dot->attribute("cy")), 34 + (1 - rate) * 240, 0.06);
      EXPECT_TRUE(with_class(*points[i], "line", "ci"));
    }
    EXPECT_EQ(with_class(*s, "polyline", "trend")->attribute("points").empty(), false);
  }
}

TEST(HtmlReport, ACrossProductSweepDrawsBothParameters) {
  Summary summary = testing::sample_summary();
  summary.results.clear();
  for (int t : {2, 4}) {
    for (std::int64_t i : {1000, 100000})
      summary.results.push_back(sweep_cell(testing::kPlain, t, i, 5));
  }
  const Element html = parsed_html(summary);
  const std::vector<const Element*> sweeps = charts(html, "sweep");
  ASSERT_EQ(sweeps.size(), 2u);
  EXPECT_EQ(sweeps[0]->attribute("data-x"), "threads");
  EXPECT_EQ(sweeps[1]->attribute("data-x"), "iterations");
  for (const Element* chart : sweeps) {
    std::size_t series = 0, points = 0;
    for (const Element* g : chart->all("g")) {
      series += g->has_class("series");
      points += g->has_class("point");
    }
    EXPECT_EQ(series, 2u);
    EXPECT_EQ(points, 4u);
  }
}

TEST(HtmlReport, ReportTextIsEscapedNotInterpreted) {
  const Element html = parsed_html(testing::sample_summary());
  std::string pre_text;
  for (const Element* pre : html.all("pre")) pre_text += pre->text;
  EXPECT_NE(pre_text.find("<tag> & ]]> \xc3\xa9t\xc3\xa9 \xef\xbf\xbd"), std::string::npos)
      << pre_text;
}

TEST(Markup, TheParserRejectsWhatIsNotWellFormed) {
  EXPECT_THROW(testing::parse_markup("<a><b></a>"), std::runtime_error);
  EXPECT_THROW(testing::parse_markup("<a>x < y</a>"), std::runtime_error);
  EXPECT_THROW(testing::parse_markup("<a x=\"1\" x=\"2\"/>"), std::runtime_error);
  EXPECT_THROW(testing::parse_markup("<a>&nbsp;</a>"), std::runtime_error);
  EXPECT_EQ(testing::parse_markup("<a k=\"&lt;&amp;\">t<b/>u</a>").attribute("k"), "<&");
}

}  // namespace
}  // namespace lockstress
