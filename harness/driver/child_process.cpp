#include "harness/driver/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "harness/driver/pipe.hpp"

extern char** environ;

namespace lockstress {
namespace {

using Clock = ChildWatch::Clock;

// How long to keep reading after killing a child: its output pipe closes once every process in
// its group is gone; a process outside the group holding it must not hang us.
constexpr std::chrono::seconds kDrainAfterKill{2};
// How often to check whether a child that closed its output has exited.
constexpr int kExitPollMs = 20;
// The longest wait between two ChildWatch::on_tick calls.
constexpr int kTickMs = 1000;
// The child's output is read at most every kReadInterval, from a pipe made big enough to hold
// what a runner writes meanwhile. A runner writes a record the moment each trial ends, so that a
// trial that crashes or hangs after it loses nothing; but a driver woken for every record of
// microsecond trials takes a CPU from the workers. Measured (2 CPUs, unsafe_counter plain 2 x
// 1,000, 200,000 trials): woken per record 0.59 s, read every 10 ms 0.40 s, records batched in the
// runner 0.31 s (which loses the batch, and misattributes the fault, when the case crashes or
// hangs).
constexpr auto kReadInterval = std::chrono::milliseconds(10);
constexpr int kOutputPipeBytes = 1 << 20;

std::vector<std::string> child_environment(const std::vector<std::string>& overrides) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const std::string_view name = text.substr(0, text.find('=') + 1);
    const bool replaced =
        std::any_of(overrides.begin(), overrides.end(),
                    [&](const std::string& o) { return o.compare(0, name.size(), name) == 0; });
    if (!replaced) env.emplace_back(text);
  }
  env.insert(env.end(), overrides.begin(), overrides.end());
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Reads what is there; false at end of file (or a read error, which ends the stream as well).
bool drain(int fd, const std::function<void(std::string_view)>& sink) {
  char buffer[64 * 1024];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      if (sink) sink(std::string_view(buffer, static_cast<std::size_t>(n)));
      if (static_cast<std::size_t>(n) < sizeof buffer) return true;
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return n < 0 && errno == EAGAIN;
    }
  }
}

// Whether `pid` is stopped (state T, by SIGSTOP or a terminal's job control) or stopped by a
// tracer (t), from /proc/PID/stat: the state follows the command name's closing parenthesis.
bool is_stopped(pid_t pid) {
  const std::string path = "/proc/" + std::to_string(pid) + "/stat";
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char buffer[512];
  const ssize_t got = ::read(fd, buffer, sizeof buffer - 1);
  ::close(fd);
  if (got <= 0) return false;
  const std::string_view stat(buffer, static_cast<std::size_t>(got));
  const std::size_t paren = stat.rfind(')');
  if (paren == std::string_view::npos || paren + 2 >= stat.size()) return false;
  return stat[paren + 2] == 'T' || stat[paren + 2] == 't';
}

// How often a stopped child's state is looked at again.
constexpr auto kStoppedPoll = std::chrono::milliseconds(100);

int poll_timeout_ms(Clock::time_point deadline, Clock::time_point now) {
  if (deadline == Clock::time_point::max()) return -1;
  if (deadline <= now) return 0;
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
  return static_cast<int>(std::min<std::int64_t>(ms, 60'000));
}

}  // namespace

ChildOutcome run_child(const ChildSpec& spec, const ChildWatch& watch) {
  ChildOutcome outcome;
  const auto start = Clock::now();
  Pipe output;
  Pipe progress;
  if (!output.open() || (spec.progress_pipe && !progress.open())) {
    outcome.spawn_error = "cannot create a pipe: " + pipe_error(errno);
    return outcome;
  }
  // A smaller pipe than asked (a per-user limit) is read sooner, in proportion.
  (void)fcntl(output.read_end, F_SETPIPE_SZ, kOutputPipeBytes);
  const int pipe_bytes = std::max(fcntl(output.read_end, F_GETPIPE_SZ), 4096);
  const auto read_interval = std::chrono::duration_cast<Clock::duration>(
      kReadInterval * std::min(1.0, static_cast<double>(pipe_bytes) / kOutputPipeBytes));
  Clock::time_point next_read = Clock::now();
  // The child must never block on news of progress; the news is in the pipe either way.
  if (spec.progress_pipe) fcntl(progress.write_end, F_SETFL, O_NONBLOCK);
  fcntl(output.read_end, F_SETFL, O_NONBLOCK);
  if (spec.progress_pipe) fcntl(progress.read_end, F_SETFL, O_NONBLOCK);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, output.write_end, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, output.write_end, STDERR_FILENO);
  if (spec.progress_pipe)
    posix_spawn_file_actions_adddup2(&actions, progress.write_end, kProgressFd);
  if (spec.shared_fd >= 0) posix_spawn_file_actions_adddup2(&actions, spec.shared_fd, kSharedFd);

  // Its own process group: killing it takes its helpers (llvm-symbolizer) too, and a Ctrl-C at
  // the terminal reaches only us, who decide what to keep. Every signal returns to its default:
  // the ones we ignore (SIGPIPE, SIGXFSZ) would stay ignored through exec.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t defaults;
  sigfillset(&defaults);
  sigdelset(&defaults, SIGKILL);
  sigdelset(&defaults, SIGSTOP);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  std::vector<std::string> argv = spec.argv;
  std::vector<std::string> env = child_environment(spec.env);
  std::vector<char*> c_argv = c_strings(argv);
  std::vector<char*> c_env = c_strings(env);
  pid_t pid = -1;
  const int spawned =
      posix_spawn(&pid, c_argv[0], &actions, &attributes, c_argv.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) {
    outcome.spawn_error = "cannot start " + spec.argv[0] + ": " + std::strerror(spawned);
    return outcome;
  }
  output.close_write();
  progress.close_write();
  if (watch.on_start) watch.on_start(pid);

  // A child stopped from outside shows no progress, and is not hung: its deadline passes, it is
  // seen stopped, and from then on it may stay stopped for as long as it had been allowed to be
  // silent (the window); once it runs again it has a whole window before it must show life.
  Clock::time_point last_news = Clock::now();
  std::optional<Clock::time_point> stopped_since;
  Clock::duration window{};
  std::optional<Clock::time_point> resumed_until;
  auto deadline = [&] {
    const Clock::time_point asked = watch.deadline ? watch.deadline() : Clock::time_point::max();
    if (asked == Clock::time_point::min() || !resumed_until) return asked;
    return std::max(asked, *resumed_until);
  };
  Clock::time_point limit = deadline();
  std::optional<Clock::time_point> killed_at;
  auto kill_group = [&] {
    if (killed_at) return;
    ::kill(-pid, SIGKILL);
    killed_at = Clock::now();
  };

  int status = 0;
  bool exited = false;
  while (!exited) {
    const auto now = Clock::now();
    if (!killed_at && now >= limit) {
      if (limit != Clock::time_point::min() && is_stopped(pid)) {
        if (!stopped_since) {
          stopped_since = now;
          window = limit - last_news;
        }
        if (now - *stopped_since > window) {
          outcome.stopped_from_outside = true;
          kill_group();
        } else {
          limit = now + kStoppedPoll;
        }
      } else if (stopped_since) {
        stopped_since.reset();
        resumed_until = now + window;
        limit = deadline();
      } else {
        outcome.timed_out = true;
        kill_group();
      }
    }
    if (killed_at && now - *killed_at > kDrainAfterKill) output.close_read();

    pollfd fds[3];
    nfds_t count = 0;
    // Until next_read the output waits in its pipe; once killed, the child writes no more.
    const bool read_now = killed_at || now >= next_read;
    const int output_slot = output.read_end >= 0 && read_now ? static_cast<int>(count) : -1;
    if (output_slot >= 0) fds[count++] = {output.read_end, POLLIN, 0};
    const int progress_slot = progress.read_end >= 0 ? static_cast<int>(count) : -1;
    if (progress.read_end >= 0) fds[count++] = {progress.read_end, POLLIN, 0};
    const int stop_slot = watch.stop_fd >= 0 && !killed_at ? static_cast<int>(count) : -1;
    if (stop_slot >= 0) fds[count++] = {watch.stop_fd, POLLIN, 0};

    // Once the output is closed, only the exit is left to wait for; poll for it (the child may
    // have closed its output and gone on running).
    int timeout = killed_at ? 100 : poll_timeout_ms(limit, now);
    if (output.read_end < 0) timeout = timeout < 0 ? kExitPollMs : std::min(timeout, kExitPollMs);
    if ((output.read_end >= 0 && !read_now) || watch.on_read_interval) {
      const int until_read = poll_timeout_ms(next_read, now);
      timeout = timeout < 0 ? until_read : std::min(timeout, until_read);
    }
    if (watch.on_tick) timeout = timeout < 0 ? kTickMs : std::min(timeout, kTickMs);
    const int ready = ::poll(fds, count, timeout);
    if (ready < 0 && errno != EINTR) break;
    if (watch.on_tick) watch.on_tick();

    bool news = false;
    if (ready > 0 && output_slot >= 0 && fds[output_slot].revents != 0) {
      if (!drain(output.read_end, watch.on_output)) output.close_read();
      next_read = Clock::now() + read_interval;
      news = true;
    } else if (watch.on_read_interval && read_now) {
      news = watch.on_read_interval();
      next_read = Clock::now() + read_interval;
    }
    if (ready > 0 && progress_slot >= 0 && fds[progress_slot].revents != 0) {
      if (!drain(progress.read_end, nullptr)) progress.close_read();
      if (watch.on_progress) watch.on_progress();
      news = true;
    }
    if (ready > 0 && stop_slot >= 0 && fds[stop_slot].revents != 0) {
      outcome.stopped = true;
      kill_group();
    }
    if (news) last_news = Clock::now();
    if (news && !killed_at) limit = deadline();
    if (output.read_end < 0) {
      const pid_t waited = ::waitpid(pid, &status, WNOHANG);
      exited = waited == pid || (waited < 0 && errno != EINTR);
    }
  }
  if (!exited) {
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  // A timeout or stop decided just as the child exited on its own does not count.
  if (killed_at && !(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
    outcome.timed_out = outcome.stopped = outcome.stopped_from_outside = false;
  }
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  outcome.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return outcome;
}

}  // namespace lockstress
