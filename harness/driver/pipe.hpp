#pragma once

#include <string>

namespace lockstress {

// A pipe for a child's output or progress: both ends at descriptors 10 and above, close-on-exec,
// so that dup2 onto the child's 1, 2 or kProgressFd always is a real copy that clears
// close-on-exec. Closes what it still holds when destroyed.
struct Pipe {
  int read_end = -1;
  int write_end = -1;
  Pipe() = default;
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  ~Pipe();
  // False, with errno set, when the pipe could not be made.
  bool open();
  void close_read();
  void close_write();
};

// Why a pipe could not be made, from its errno; at the descriptor limit, which limit
// (`ulimit -n 8` read "Invalid argument").
std::string pipe_error(int error);

}  // namespace lockstress
