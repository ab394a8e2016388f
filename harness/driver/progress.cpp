#include "harness/driver/progress.hpp"

#include <cmath>
#include <cstdio>

namespace lockstress {
namespace {

// A run shorter than this shows no line at all on a terminal: it would only flicker.
constexpr auto kQuietStart = std::chrono::seconds(2);
constexpr auto kTerminalInterval = std::chrono::milliseconds(100);
constexpr auto kLogInterval = std::chrono::seconds(10);

}  // namespace

Progress::Mode progress_mode(bool quiet, bool forced, bool stderr_is_terminal) {
  if (forced) return stderr_is_terminal ? Progress::Mode::terminal : Progress::Mode::log;
  if (quiet || !stderr_is_terminal) return Progress::Mode::off;
  return Progress::Mode::terminal;
}

std::string format_duration(double seconds) {
  const auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  char buffer[48];
  if (s < 60) {
    std::snprintf(buffer, sizeof buffer, "%lld s", s);
  } else if (s < 3600) {
    std::snprintf(buffer, sizeof buffer, "%lld min %02lld s", s / 60, s % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%lld h %02lld min", s / 3600, s % 3600 / 60);
  }
  return buffer;
}

Progress::Progress(std::ostream& out, Mode mode, std::int64_t total_trials,
                   std::function<Clock::time_point()> now)
    : out_(out), mode_(mode), now_(std::move(now)), total_trials_(total_trials) {
  start_ = last_draw_ = now_();
}

void Progress::start_cell(std::string name, std::int64_t trials) {
  cell_ = std::move(name);
  cell_trials_ = trials;
  cell_done_ = cell_failed_ = 0;
}

void Progress::trial_done(bool failed) {
  ++done_trials_;
  ++cell_done_;
  cell_failed_ += failed ? 1 : 0;
  draw_when_due();
}

void Progress::tick() { draw_when_due(); }

void Progress::draw_when_due() {
  if (mode_ == Mode::off) return;
  const Clock::time_point now = now_();
  const auto interval = mode_ == Mode::terminal ? kTerminalInterval : kLogInterval;
  if (now - start_ < kQuietStart && mode_ == Mode::terminal) return;
  if (drawn_ && now - last_draw_ < interval) return;
  if (!drawn_ && mode_ == Mode::log && now - start_ < kLogInterval) return;
  draw();
}

void Progress::end_cell() {
  if (mode_ == Mode::log) draw();
}

void Progress::finish() {
  if (mode_ == Mode::terminal && drawn_) out_ << "\r\x1b[K" << std::flush;
}

std::string Progress::line() const {
  const double elapsed = std::chrono::duration<double>(now_() - start_).count();
  const std::string cell = "lockstress: " + cell_ + " " + std::to_string(cell_done_) +
                           (cell_trials_ > 0 ? "/" + std::to_string(cell_trials_) : "") +
                           " trials, " + std::to_string(cell_failed_) + " failed; run ";
  if (budget_seconds_) {
    return cell + std::to_string(done_trials_) + " trials, " +
           format_duration(*budget_seconds_ - elapsed) + " left of " +
           format_duration(*budget_seconds_);
  }
  std::string eta = "ETA ?";
  if (done_trials_ > 0) {
    eta = "ETA " + format_duration(elapsed / static_cast<double>(done_trials_) *
                                   static_cast<double>(total_trials_ - done_trials_));
  }
  return cell + std::to_string(done_trials_) + "/" + std::to_string(total_trials_) + ", " + eta;
}

void Progress::draw() {
  last_draw_ = now_();
  drawn_ = true;
  if (mode_ == Mode::terminal) {
    out_ << '\r' << line() << "\x1b[K" << std::flush;
  } else {
    out_ << line() << '\n' << std::flush;
  }
}

}  // namespace lockstress
