#include "sanitizers/model/strategy.hpp"

#include <algorithm>

namespace lockstress::model {

Chooser::Chooser(const Options& options, std::vector<std::uint32_t> replay)
    : options_(options), rng_(options.seed), replay_(std::move(replay)) {
  if (options_.strategy == Strategy::pct) {
    // d-1 distinct change points, uniform in [1, k] (fewer when k < d-1).
    const std::int64_t k = std::max<std::int64_t>(1, options_.pct_steps);
    const std::int64_t wanted = std::min<std::int64_t>(options_.pct_depth - 1, k);
    while (static_cast<std::int64_t>(change_points_.size()) < wanted) {
      std::int64_t point = 1 + static_cast<std::int64_t>(rng_.below(static_cast<std::uint64_t>(k)));
      if (std::find(change_points_.begin(), change_points_.end(), point) == change_points_.end()) {
        change_points_.push_back(point);
      }
    }
    std::sort(change_points_.begin(), change_points_.end());
  }
}

void Chooser::add_thread(int thread) {
  const auto rank = static_cast<std::ptrdiff_t>(rng_.below(order_.size() + 1));
  order_.insert(order_.begin() + rank, thread);
}

void Chooser::drop_to_lowest(int thread) {
  auto it = std::find(order_.begin(), order_.end(), thread);
  if (it == order_.end()) return;
  order_.erase(it);
  order_.push_back(thread);
}

void Chooser::step(std::int64_t step, int running) {
  if (options_.strategy != Strategy::pct) return;
  if (std::binary_search(change_points_.begin(), change_points_.end(), step)) {
    drop_to_lowest(running);
  }
}

void Chooser::yielded(int thread) {
  if (options_.strategy == Strategy::pct) drop_to_lowest(thread);
}

std::uint32_t Chooser::replayed(std::uint32_t count, std::uint32_t fallback) {
  if (replay_.empty() || diverged_) return fallback;
  if (replay_next_ >= replay_.size() || replay_[replay_next_] >= count) {
    diverged_ = true;
    return fallback;
  }
  return replay_[replay_next_++];
}

int Chooser::pick_thread(const std::vector<int>& runnable, int current, bool yielding) {
  if (runnable.size() == 1) return runnable.front();
  const auto count = static_cast<std::uint32_t>(runnable.size());
  std::uint32_t index = 0;
  if (fair_) {
    // Round-robin: the first runnable thread after `current`.
    auto after = std::upper_bound(runnable.begin(), runnable.end(), current);
    index = after == runnable.end() ? 0 : static_cast<std::uint32_t>(after - runnable.begin());
  } else if (options_.strategy == Strategy::pct) {
    for (int thread : order_) {
      auto it = std::find(runnable.begin(), runnable.end(), thread);
      if (it != runnable.end()) {
        index = static_cast<std::uint32_t>(it - runnable.begin());
        break;
      }
    }
  } else if (yielding) {
    // Any runnable thread but the one that yielded.
    auto self = std::find(runnable.begin(), runnable.end(), current);
    if (self == runnable.end()) {
      index = static_cast<std::uint32_t>(rng_.below(count));
    } else {
      index = static_cast<std::uint32_t>(rng_.below(count - 1));
      if (index >= static_cast<std::uint32_t>(self - runnable.begin())) ++index;
    }
  } else {
    index = static_cast<std::uint32_t>(rng_.below(count));
  }
  index = replayed(count, index);
  choices_.push_back(index);
  return runnable[index];
}

std::uint32_t Chooser::pick(std::uint32_t count) {
  if (count <= 1) return 0;
  std::uint32_t index = replayed(count, static_cast<std::uint32_t>(rng_.below(count)));
  choices_.push_back(index);
  return index;
}

}  // namespace lockstress::model
