#include "harness/driver/plan.hpp"

#include <algorithm>
#include <utility>

#include "harness/driver/case_defaults.hpp"

namespace lockstress {
namespace {

using Point = std::pair<int, std::int64_t>;  // threads, iterations

// Whether --threads, --iterations and --trials size the variants of this kind: always for a kind
// that takes a case's Defaults (a stress test's sizes); for another (the model's tiny instances,
// whose store histories grow with the iterations: a schedule of unsafe_counter at 2 x 100,000
// ran past the 60 s watchdog) only when --variant names one of its variants.
bool sized_by_command_line(Detector kind, const RunOptions& options) {
  if (detector_info(kind).takes_case_defaults) return true;
  return std::any_of(options.variants.begin(), options.variants.end(),
                     [&](const Variant& v) { return v.detector == kind; });
}

// The (threads, iterations) points a case runs at in the variants of one kind of detector: the
// command line's lists crossed, or the case's own defaults for that kind.
std::vector<Point> points_of(const Case& c, Detector kind, const RunOptions& options) {
  const CaseDefaults defaults = case_defaults(c, kind);
  const bool sized = sized_by_command_line(kind, options);
  std::vector<int> threads = sized ? options.threads : std::vector<int>{};
  if (threads.empty()) threads.push_back(defaults.threads);
  std::vector<std::int64_t> iterations = sized ? options.iterations : std::vector<std::int64_t>{};
  if (iterations.empty()) iterations.push_back(defaults.iterations);
  std::vector<Point> points;
  for (int t : threads) {
    for (std::int64_t i : iterations) points.emplace_back(t, i);
  }
  return points;
}

void add_unique(std::vector<Point>& points, const Point& point) {
  if (std::find(points.begin(), points.end(), point) == points.end()) points.push_back(point);
}

}  // namespace

bool is_selected(const RunOptions& options, const Case& c) {
  if (options.cases.empty()) return c.runs_by_default;
  return std::find(options.cases.begin(), options.cases.end(), c.name) != options.cases.end();
}

std::int64_t planned_trials(const Case& c, Detector kind, const RunOptions& options) {
  if (options.trials && sized_by_command_line(kind, options)) return *options.trials;
  // Under a time budget the time stops a cell; trials only cap it when given.
  if (options.stopping.duration_seconds) return kMaxTrials;
  return case_defaults(c, kind).trials;
}

std::vector<PlannedCell> plan_cells(const Program& program, const RunOptions& options) {
  const std::vector<Variant>& variants =
      options.variants.empty() ? program.variants : options.variants;

  const Case* control = nullptr;
  std::vector<const Case*> others;
  for (const Case& c : program.cases) {
    if (c.name == kControlCase) {
      control = &c;
    } else if (is_selected(options, c)) {
      others.push_back(&c);
    }
  }

  // A case's points, per variant (in the order of `variants`).
  using VariantPoints = std::vector<std::vector<Point>>;
  auto points_by_variant = [&](const Case& c) {
    VariantPoints out;
    for (const Variant& variant : variants) out.push_back(points_of(c, variant.detector, options));
    return out;
  };
  std::vector<PlannedCell> cells;
  // Point by point, in the order the points first appear, each in the variants that run it: the
  // detectors side by side wherever they share a point.
  auto add_cells = [&](const Case& c, const VariantPoints& points) {
    std::vector<Point> all;
    for (const std::vector<Point>& of_variant : points) {
      for (const Point& point : of_variant) add_unique(all, point);
    }
    for (const auto& point : all) {
      for (std::size_t v = 0; v < variants.size(); ++v) {
        const std::vector<Point>& of_variant = points[v];
        if (std::find(of_variant.begin(), of_variant.end(), point) == of_variant.end()) continue;
        const Variant& variant = variants[v];
        // A shard runs its slice of each cell's trials (shard.hpp), whatever the case's own count.
        const TrialSlice slice = shard_slice(planned_trials(c, variant.detector, options),
                                             options.shard.value_or(Shard{}));
        const Pin pin = variant.info().real_threads ? options.pin : Pin::none;
        cells.push_back({CellPlan{c.name, c.description, c.expect, variant, point.first,
                                  point.second, slice.count, pin},
                         slice.first});
      }
    }
  };
  // The control runs at every point another case runs at in each variant, so that the gate of
  // each cell is a control run with the same threads and iterations in the same variant; at its
  // own points only when it was named (or runs alone): there it would gate nothing.
  if (control) {
    const bool named =
        std::find(options.cases.begin(), options.cases.end(), control->name) != options.cases.end();
    VariantPoints control_points(variants.size());
    if (named || others.empty()) control_points = points_by_variant(*control);
    for (const Case* c : others) {
      const VariantPoints points = points_by_variant(*c);
      for (std::size_t v = 0; v < variants.size(); ++v) {
        for (const Point& point : points[v]) add_unique(control_points[v], point);
      }
    }
    add_cells(*control, control_points);
  }
  for (const Case* c : others) add_cells(*c, points_by_variant(*c));
  return cells;
}

}  // namespace lockstress
