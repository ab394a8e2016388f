#include "harness/driver/pipe.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lockstress {
namespace {

int high(int fd) {
  const int moved = fcntl(fd, F_DUPFD_CLOEXEC, 10);
  // EINVAL here means 10 is at or past the descriptor limit: too many open files, in effect.
  const int error = moved < 0 && errno == EINVAL ? EMFILE : errno;
  ::close(fd);
  errno = error;
  return moved;
}

}  // namespace

Pipe::~Pipe() {
  close_read();
  close_write();
}

bool Pipe::open() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return false;
  read_end = high(fds[0]);
  write_end = high(fds[1]);
  return read_end >= 0 && write_end >= 0;
}

void Pipe::close_read() {
  if (read_end >= 0) ::close(read_end);
  read_end = -1;
}

void Pipe::close_write() {
  if (write_end >= 0) ::close(write_end);
  write_end = -1;
}

std::string pipe_error(int error) {
  rlimit limit{};
  if (error != EMFILE || getrlimit(RLIMIT_NOFILE, &limit) != 0) return std::strerror(error);
  return "too many open files (the limit, ulimit -n, is " +
         (limit.rlim_cur == RLIM_INFINITY ? std::string("unlimited")
                                          : std::to_string(limit.rlim_cur)) +
         ")";
}

}  // namespace lockstress
