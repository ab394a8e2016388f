#include "harness/driver/plan.hpp"

#include <algorithm>
#include <utility>

namespace lockstress {
namespace {

using Point = std::pair<int, std::int64_t>;  // threads, iterations

// The (threads, iterations) points a case runs at: the command line's lists crossed, or the
// case's own defaults, or lockstress's.
std::vector<Point> points_of(const Case& c, const RunOptions& options) {
  std::vector<int> threads = options.threads;
  if (threads.empty()) threads.push_back(default_threads(c));
  std::vector<std::int64_t> iterations = options.iterations;
  if (iterations.empty()) iterations.push_back(default_iterations(c));
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

int default_threads(const Case& c) {
  return c.defaults.threads > 0 ? c.defaults.threads
                                : std::clamp(kDefaultThreads, c.threads.min, c.threads.max);
}

std::int64_t default_iterations(const Case& c) {
  return c.defaults.iterations > 0 ? c.defaults.iterations : kDefaultIterations;
}

std::int64_t default_trials(const Case& c) {
  return c.defaults.trials > 0 ? c.defaults.trials : kDefaultTrials;
}

bool is_selected(const RunOptions& options, const Case& c) {
  if (options.cases.empty()) return c.runs_by_default;
  return std::find(options.cases.begin(), options.cases.end(), c.name) != options.cases.end();
}

std::int64_t planned_trials(const Case& c, const RunOptions& options) {
  if (options.trials) return *options.trials;
  // Under a time budget the time stops a cell; trials only cap it when given.
  if (options.stopping.duration_seconds) return kMaxTrials;
  return default_trials(c);
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

  std::vector<PlannedCell> cells;
  auto add_cells = [&](const Case& c, const std::vector<Point>& points) {
    // A shard runs its slice of each cell's trials (shard.hpp), whatever the case's own count.
    const TrialSlice slice =
        shard_slice(planned_trials(c, options), options.shard.value_or(Shard{}));
    for (const auto& [threads, iterations] : points) {
      for (const Variant& variant : variants) {
        cells.push_back({CellPlan{c.name, c.description, c.expect, variant, threads, iterations,
                                  slice.count, options.pin},
                         slice.first});
      }
    }
  };
  // The control runs at every point another case runs at, so that the gate of each cell is a
  // control run with the same threads and iterations; at its own points only when it was named
  // (or runs alone): there it would gate nothing.
  if (control) {
    const bool named =
        std::find(options.cases.begin(), options.cases.end(), control->name) != options.cases.end();
    std::vector<Point> control_points;
    if (named || others.empty()) control_points = points_of(*control, options);
    for (const Case* c : others) {
      for (const Point& point : points_of(*c, options)) add_unique(control_points, point);
    }
    add_cells(*control, control_points);
  }
  for (const Case* c : others) add_cells(*c, points_of(*c, options));
  return cells;
}

}  // namespace lockstress
