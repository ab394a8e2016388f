#include "harness/reporters/svg_charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "harness/reporters/escape.hpp"
#include "harness/summary/format.hpp"

namespace lockstress {
namespace {

// Horizontal layout of the rate chart: labels, plot, then the rate as text.
constexpr double kLabelWidth = 300;
constexpr double kPlotWidth = 460;
constexpr double kValueWidth = 160;
constexpr double kRowHeight = 26;
constexpr double kTop = 34;  // room for the title
constexpr double kAxisHeight = 30;

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

std::string attr(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + xml_escape(value) + "\"";
}

std::string attr(const char* name, double value) { return attr(name, number(value)); }

void line(std::ostream& out, const char* css, double x1, double y1, double x2, double y2) {
  out << "<line class=\"" << css << "\"" << attr("x1", x1) << attr("y1", y1) << attr("x2", x2)
      << attr("y2", y2) << "/>";
}

void text(std::ostream& out, const char* css, double x, double y, const std::string& content,
          const char* anchor = "start") {
  out << "<text class=\"" << css << "\"" << attr("x", x) << attr("y", y) << " text-anchor=\""
      << anchor << "\">" << xml_escape(content) << "</text>";
}

std::string rate_title(const std::string& what, const Rate& rate) {
  return what + ": " + format_rate(rate) + ", " + format_count(rate.events, rate.trials);
}

}  // namespace

void write_rate_chart(std::ostream& out, const std::string& title,
                      const std::vector<RateRow>& rows) {
  const double width = kLabelWidth + kPlotWidth + kValueWidth;
  const double height = kTop + kRowHeight * static_cast<double>(rows.size()) + kAxisHeight;
  const double x0 = kLabelWidth;
  auto x = [&](double fraction) { return x0 + fraction * kPlotWidth; };
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart rates\"" << attr("width", width)
      << attr("height", height) << " viewBox=\"0 0 " << number(width) << " " << number(height)
      << "\" role=\"img\"" << attr("aria-label", title) << ">";
  text(out, "title", 0, 20, title);
  const double bottom = kTop + kRowHeight * static_cast<double>(rows.size());
  for (int tick = 0; tick <= 4; ++tick) {
    const double at = x(tick / 4.0);
    line(out, "grid", at, kTop, at, bottom);
    text(out, "tick", at, bottom + 18, std::to_string(tick * 25) + "%", "middle");
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const RateRow& row = rows[i];
    const double y = kTop + kRowHeight * (static_cast<double>(i) + 0.5);
    out << "<g class=\"cell " << xml_escape(row.style) << "\"" << attr("data-cell", row.key)
        << attr("data-rate", std::to_string(row.rate.value))
        << attr("data-ci-low", std::to_string(row.rate.ci95.low))
        << attr("data-ci-high", std::to_string(row.rate.ci95.high)) << "><title>"
        << xml_escape(rate_title(row.label, row.rate)) << "</title>";
    text(out, "label", 0, y + 4, row.label);
    line(out, "ci", x(row.rate.ci95.low), y, x(row.rate.ci95.high), y);
    line(out, "cap", x(row.rate.ci95.low), y - 6, x(row.rate.ci95.low), y + 6);
    line(out, "cap", x(row.rate.ci95.high), y - 6, x(row.rate.ci95.high), y + 6);
    out << "<circle class=\"rate\"" << attr("cx", x(row.rate.value)) << attr("cy", y)
        << " r=\"5\"/>";
    text(out, "value", x0 + kPlotWidth + 12, y + 4,
         row.rate.trials == 0 ? "no trials" : format_rate(row.rate));
    out << "</g>";
  }
  out << "</svg>\n";
}

void write_sweep_chart(std::ostream& out, const SweepChart& chart) {
  constexpr double kLeft = 60, kPlotW = 560, kPlotH = 240, kLegendW = 260;
  const double width = kLeft + kPlotW + kLegendW;
  const double height = kTop + kPlotH + 50;
  double lo = INFINITY, hi = -INFINITY;
  std::vector<double> ticks;
  for (const SweepSeries& s : chart.series) {
    for (const SweepPoint& p : s.points) {
      lo = std::min(lo, p.x), hi = std::max(hi, p.x);
      ticks.push_back(p.x);
    }
  }
  std::sort(ticks.begin(), ticks.end());
  ticks.erase(std::unique(ticks.begin(), ticks.end()), ticks.end());
  const bool log_scale = lo > 0 && hi / lo >= 8;
  auto position = [&](double v) {
    const double t = hi == lo    ? 0.5
                     : log_scale ? (std::log2(v) - std::log2(lo)) / (std::log2(hi) - std::log2(lo))
                                 : (v - lo) / (hi - lo);
    return kLeft + 20 + t * (kPlotW - 40);
  };
  auto y = [&](double fraction) { return kTop + (1 - fraction) * kPlotH; };

  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart sweep\"" << attr("width", width)
      << attr("height", height) << " viewBox=\"0 0 " << number(width) << " " << number(height)
      << "\" role=\"img\"" << attr("aria-label", chart.title) << attr("data-x", chart.x_label)
      << ">";
  text(out, "title", 0, 20, chart.title);
  for (int tick = 0; tick <= 4; ++tick) {
    line(out, "grid", kLeft, y(tick / 4.0), kLeft + kPlotW, y(tick / 4.0));
    text(out, "tick", kLeft - 6, y(tick / 4.0) + 4, std::to_string(tick * 25) + "%", "end");
  }
  // Every swept value is a tick, thinned to at most 10 labels.
  const std::size_t step = (ticks.size() + 9) / 10;
  for (std::size_t i = 0; i < ticks.size(); i += step) {
    char label[32];
    std::snprintf(label, sizeof label, "%.0f", ticks[i]);
    text(out, "tick", position(ticks[i]), kTop + kPlotH + 18, label, "middle");
  }
  text(out, "axis", kLeft + kPlotW / 2, kTop + kPlotH + 40,
       chart.x_label + (log_scale ? " (log scale)" : ""), "middle");

  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const SweepSeries& series = chart.series[s];
    out << "<g class=\"series " << xml_escape(series.style) << "\""
        << attr("data-series", series.label) << ">";
    std::string points;
    for (const SweepPoint& p : series.points) {
      points += (points.empty() ? "" : " ") + number(position(p.x)) + "," + number(y(p.rate.value));
    }
    out << "<polyline class=\"trend\"" << attr("points", points) << "/>";
    for (const SweepPoint& p : series.points) {
      const double px = position(p.x);
      out << "<g class=\"point\"" << attr("data-cell", p.key)
          << attr("data-rate", std::to_string(p.rate.value)) << "><title>"
          << xml_escape(rate_title(series.label + ", " + chart.x_label + " " +
                                       std::to_string(static_cast<long long>(p.x)),
                                   p.rate))
          << "</title>";
      line(out, "ci", px, y(p.rate.ci95.low), px, y(p.rate.ci95.high));
      line(out, "cap", px - 5, y(p.rate.ci95.low), px + 5, y(p.rate.ci95.low));
      line(out, "cap", px - 5, y(p.rate.ci95.high), px + 5, y(p.rate.ci95.high));
      out << "<circle class=\"rate\"" << attr("cx", px) << attr("cy", y(p.rate.value))
          << " r=\"4\"/></g>";
    }
    const double legend_y = kTop + 10 + 20 * static_cast<double>(s);
    line(out, "legend", kLeft + kPlotW + 16, legend_y, kLeft + kPlotW + 36, legend_y);
    text(out, "label", kLeft + kPlotW + 42, legend_y + 4, series.label);
    out << "</g>";
  }
  out << "</svg>\n";
}

}  // namespace lockstress
