#pragma once

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lockstress {

struct ChildOutcome {
  std::optional<std::string> spawn_error;  // the program could not be started at all
  std::optional<int> exit_code;            // set when it exited
  std::optional<int> signal;               // set when a signal killed it
  double wall_seconds = 0;
};

// Starts argv[0] (fork+exec via posix_spawn, never a bare fork: TSan kills such children) with
// stdin on /dev/null and stdout and stderr on one pipe, hands every byte it writes to `on_output`
// as it arrives, and returns once it has exited. Its output never reaches our own stdout.
// `on_started` gets its pid, which stays valid (unreaped) until run_child returns.
ChildOutcome run_child(const std::vector<std::string>& argv,
                       const std::function<void(std::string_view)>& on_output,
                       const std::function<void(pid_t)>& on_started = {});

// "SIGSEGV", "SIGABRT", ... or "signal N".
std::string signal_name(int signal);

}  // namespace lockstress
