#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/protocol/signal_name.hpp"

namespace lockstress {

// The file descriptor at which a child started with a progress pipe finds its write end.
inline constexpr int kProgressFd = 3;
// The file descriptor at which a child finds ChildSpec::shared_fd.
inline constexpr int kSharedFd = 4;

struct ChildSpec {
  std::vector<std::string> argv;
  std::vector<std::string> env;  // "NAME=value" entries replacing or adding to our environment
  bool progress_pipe = false;    // give the child a pipe at kProgressFd (see ChildWatch)
  int shared_fd = -1;            // when set, given to the child at kSharedFd
};

// What the parent does while the child runs. Every member may be left empty.
struct ChildWatch {
  using Clock = std::chrono::steady_clock;
  std::function<void(std::string_view)> on_output;  // the child's stdout and stderr, as it arrives
  std::function<void()> on_progress;                // bytes arrived on the progress pipe
  std::function<void(int pid)> on_start;            // the child runs, in process group `pid`
  // Called as often as the output is read, whether or not the child wrote any; true when it
  // found news of the child (records in memory the child shares: harness/protocol/record_ring.hpp).
  std::function<bool()> on_read_interval;
  // Called at least once a second while the child runs, whatever it does or does not say: a
  // clock for the parent's own periodic work (the progress line of a cell that finishes nothing).
  std::function<void()> on_tick;
  // The time by which the child must next show life, asked again after every output or progress
  // event; past it, the child's process group is killed, unless it is stopped (see
  // ChildOutcome::stopped_from_outside). Unset or time_point::max(): no limit.
  std::function<Clock::time_point()> deadline;
  int stop_fd = -1;  // once readable, the child's process group is killed (the run is stopping)
};

struct ChildOutcome {
  std::optional<std::string> spawn_error;  // the program could not be started at all
  std::optional<int> exit_code;            // set when it exited
  std::optional<int> signal;               // set when a signal killed it
  bool timed_out = false;                  // killed by us: its deadline passed
  bool stopped = false;                    // killed by us: stop_fd became readable
  // Killed by us: stopped from outside (SIGSTOP, a debugger) for longer than its deadline allowed
  // it to be silent. Time stopped is never lack of progress: timed_out stays false.
  bool stopped_from_outside = false;
  double wall_seconds = 0;
};

// Starts spec.argv[0] with posix_spawn (fork+exec, never a bare fork: TSan kills such children)
// in a process group of its own, stdin on /dev/null, stdout and stderr on one pipe whose bytes go
// to watch.on_output and never to our own stdout. Returns once it has exited, or once it was
// killed, with everything in its process group, for passing its deadline or being stopped.
ChildOutcome run_child(const ChildSpec& spec, const ChildWatch& watch);

}  // namespace lockstress
