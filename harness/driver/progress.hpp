#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

namespace lockstress {

// The progress line on stderr: the cell, its trials done of its total, failures so far, and an
// estimate of the time left in the whole run. It never touches stdout, where the summary goes.
class Progress {
 public:
  using Clock = std::chrono::steady_clock;

  enum class Mode {
    off,
    terminal,  // one line, redrawn in place, once the run has lasted a couple of seconds
    log,  // whole lines for a log that is not a terminal (CI): at each cell's end and every 10 s
  };

  Progress(std::ostream& out, Mode mode, std::int64_t total_trials,
           std::function<Clock::time_point()> now = Clock::now);

  // Under --duration the run ends when its time does: the line then counts down the budget
  // instead of estimating from trials, and a cell started with 0 trials has no cap to show.
  void set_time_budget(double seconds) { budget_seconds_ = seconds; }
  void start_cell(std::string name, std::int64_t trials);
  void trial_done(bool failed);
  // Time passing with no trial done: the line is drawn as often as when trials are (a log gets
  // its line every 10 s even from a cell that finishes no trial in that time).
  void tick();
  void end_cell();
  // Clears the terminal line, so that what follows starts on a clean line.
  void finish();

 private:
  std::string line() const;
  void draw_when_due();
  void draw();

  std::ostream& out_;
  Mode mode_;
  std::function<Clock::time_point()> now_;
  Clock::time_point start_;
  Clock::time_point last_draw_;
  bool drawn_ = false;
  std::int64_t total_trials_;
  std::optional<double> budget_seconds_;
  std::int64_t done_trials_ = 0;
  std::string cell_;
  std::int64_t cell_trials_ = 0;
  std::int64_t cell_done_ = 0;
  std::int64_t cell_failed_ = 0;
};

// --quiet silences the line, --progress forces it (and wins over --quiet); otherwise it is shown
// only when stderr is a terminal.
Progress::Mode progress_mode(bool quiet, bool forced, bool stderr_is_terminal);

// "45 s", "3 min 05 s", "2 h 04 min"
std::string format_duration(double seconds);

}  // namespace lockstress
