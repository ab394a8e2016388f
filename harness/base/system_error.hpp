#pragma once

#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "harness/base/exit_codes.hpp"

namespace lockstress {

// The exit code of a file that could not be opened: at the descriptor limit (ulimit -n) or with
// the system's table of files full the path is not at fault, and it is no bad input.
inline int open_failure_exit_code(int error) {
  return error == EMFILE || error == ENFILE ? kExitError : kExitUsage;
}

// "the limit of open files (ulimit -n) is 8": a resource limit's soft value, in the words, the
// shell command and the unit (bash counts sizes in KiB) a user knows it by.
inline std::string limit_text(int resource, const char* what, const char* ulimit, rlim_t unit = 1) {
  rlimit limit{};
  std::string value = "unknown";
  if (getrlimit(resource, &limit) == 0) {
    value = limit.rlim_cur == RLIM_INFINITY ? "unlimited" : std::to_string(limit.rlim_cur / unit);
  }
  return std::string("the limit of ") + what + " (ulimit " + ulimit + ") is " + value;
}

// strerror(error), and for the errors a resource limit causes, which limit: "Too many open files
// (the limit of open files (ulimit -n) is 8)". `creating` says what failed: EAGAIN from
// fork/posix_spawn or pthread_create is the process limit, elsewhere it means "try again".
enum class Creating { file, process };

inline std::string errno_text(int error, Creating creating = Creating::file) {
  std::string text = std::strerror(error);
  if (error == EMFILE) return text + " (" + limit_text(RLIMIT_NOFILE, "open files", "-n") + ")";
  if (error == ENFILE) return text + " (the system's table of open files is full)";
  if (error == EFBIG)
    return text + " (" + limit_text(RLIMIT_FSIZE, "file size in KiB", "-f", 1024) + ")";
  if (error == EAGAIN && creating == Creating::process) {
    return text + " (" + limit_text(RLIMIT_NPROC, "processes and threads per user", "-u") + ")";
  }
  if (error == ENOMEM && creating == Creating::process) {
    return text + " (" + limit_text(RLIMIT_AS, "address space in KiB", "-v", 1024) + ")";
  }
  return text;
}

}  // namespace lockstress
