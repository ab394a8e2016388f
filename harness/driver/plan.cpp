#include "harness/driver/plan.hpp"

#include <algorithm>

namespace lockstress {
namespace {

bool selected(const RunOptions& options, const Case& c) {
  return c.name == kControlCase || options.cases.empty() ||
         std::find(options.cases.begin(), options.cases.end(), c.name) != options.cases.end();
}

}  // namespace

std::vector<CellPlan> plan_cells(const std::vector<Case>& cases, const RunOptions& options) {
  std::vector<Variant> variants = options.variants;
  if (variants.empty()) variants.assign(std::begin(kAllVariants), std::end(kAllVariants));

  std::vector<const Case*> order;
  for (const Case& c : cases) {
    if (c.name == kControlCase) order.insert(order.begin(), &c);
    else if (selected(options, c)) order.push_back(&c);
  }

  const TrialSlice slice = shard_slice(options.trials, options.shard.value_or(Shard{}));
  std::vector<CellPlan> cells;
  for (const Case* c : order) {
    const int threads =
        options.threads.value_or(std::clamp(kDefaultThreads, c->threads.min, c->threads.max));
    for (Variant variant : variants) {
      cells.push_back(CellPlan{c, variant, threads, options.iterations, slice.first, slice.count});
    }
  }
  return cells;
}

}  // namespace lockstress
