#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "harness/stats/statistics.hpp"

namespace lockstress {

// Inline SVG for the HTML report, drawn from plain values: no script, no fonts to fetch. Every
// marker carries data-* attributes naming what it shows, so a test can find it.

// One horizontal row: a dot at the rate, a whisker across its 95% interval.
struct RateRow {
  std::string key;    // data-cell: "case/variant/threadsxiterations"
  std::string label;  // shown left of the row
  std::string style;  // CSS class of the marker: "plain" or "tsan"
  Rate rate;
};

// Rates from 0 to 100% on a linear axis, one row per entry.
void write_rate_chart(std::ostream& out, const std::string& title,
                      const std::vector<RateRow>& rows);

struct SweepPoint {
  double x = 0;
  std::string key;  // data-cell, as in RateRow
  Rate rate;
};

// One line of a sweep: one variant at fixed other parameters, over the swept one.
struct SweepSeries {
  std::string label;
  std::string style;
  std::vector<SweepPoint> points;  // in increasing x
};

struct SweepChart {
  std::string title;
  std::string x_label;  // "threads" or "iterations"
  std::vector<SweepSeries> series;
};

// Rate (0 to 100%, vertical whiskers) against the swept parameter: a logarithmic axis when the
// values span a factor of 8 or more, linear otherwise.
void write_sweep_chart(std::ostream& out, const SweepChart& chart);

}  // namespace lockstress
