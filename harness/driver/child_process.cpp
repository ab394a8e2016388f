#include "harness/driver/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

extern char** environ;

namespace lockstress {
namespace {

struct Pipe {
  int read_end = -1;
  int write_end = -1;
  ~Pipe() {
    if (read_end >= 0) close(read_end);
    if (write_end >= 0) close(write_end);
  }
};

}  // namespace

std::string signal_name(int signal) {
  if (const char* abbrev = sigabbrev_np(signal)) return std::string("SIG") + abbrev;
  return "signal " + std::to_string(signal);
}

ChildOutcome run_child(const std::vector<std::string>& argv,
                       const std::function<void(std::string_view)>& on_output,
                       const std::function<void(pid_t)>& on_started) {
  ChildOutcome outcome;
  const auto start = std::chrono::steady_clock::now();
  Pipe pipe;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    outcome.spawn_error = std::string("cannot create a pipe: ") + std::strerror(errno);
    return outcome;
  }
  pipe.read_end = fds[0];
  pipe.write_end = fds[1];

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe.write_end, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe.write_end, STDERR_FILENO);

  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    outcome.spawn_error = "cannot start " + argv[0] + ": " + std::strerror(spawned);
    return outcome;
  }
  close(pipe.write_end);
  pipe.write_end = -1;
  if (on_started) on_started(pid);

  char buffer[64 * 1024];
  for (;;) {
    ssize_t n = read(pipe.read_end, buffer, sizeof buffer);
    if (n > 0) {
      on_output(std::string_view(buffer, static_cast<std::size_t>(n)));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }

  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  outcome.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return outcome;
}

}  // namespace lockstress
