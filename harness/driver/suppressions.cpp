#include "harness/driver/suppressions.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace lockstress {
namespace {

// compiler-rt/lib/tsan/rtl/tsan_suppressions.h
constexpr std::string_view kTypes[] = {"race",   "race_top",        "mutex",   "thread",
                                       "signal", "called_from_lib", "deadlock"};

// The whitespace TSan's suppression parser skips around a line.
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 80)) {
    out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  }
  return out;
}

}  // namespace

Result<void> check_suppressions(std::string_view text, const std::string& name) {
  int number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++number;
    if (line.empty() || line.front() == '#') continue;
    const std::string where = "--suppressions " + name + ":" + std::to_string(number) + ": ";
    if (line.find('\0') != std::string_view::npos) return Error{where + "holds a NUL byte"};
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return Error{where + "'" + printable(line) + "' is not type:pattern"};
    }
    const std::string_view type = line.substr(0, colon);
    if (std::find(std::begin(kTypes), std::end(kTypes), type) == std::end(kTypes)) {
      return Error{where + "unknown suppression type '" + printable(type) +
                   "' (race, race_top, mutex, thread, signal, called_from_lib, deadlock)"};
    }
    if (trim(line.substr(colon + 1)).empty()) {
      return Error{where + "'" + printable(line) + "' has no pattern"};
    }
  }
  return {};
}

Result<void> check_suppressions_file(const std::string& path) {
  const std::string named = "--suppressions " + path + ": ";
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below, like any file
  // that is not regular (/dev/zero would grow the text without end, a FIFO block forever).
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    if (errno == ENOENT) return Error{named + "no such file"};
    return Error{named + "cannot read (" + std::strerror(errno) + ")"};
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return Error{named + "cannot read (" + std::strerror(errno) + ")"};
  if (S_ISDIR(st.st_mode)) return Error{named + "is a directory"};
  if (!S_ISREG(st.st_mode)) return Error{named + "is not a regular file"};
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return Error{named + "read failed (" + std::strerror(errno) + ")"};
    if (got == 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
    if (text.size() > kMaxSuppressionsBytes) {
      return Error{named + "is larger than " + std::to_string(kMaxSuppressionsBytes) + " bytes"};
    }
  }
  return check_suppressions(text, path);
}

Result<std::string> tsan_options_with_suppressions(std::string_view inherited,
                                                   const std::string& file) {
  std::error_code ec;
  const std::string path = std::filesystem::absolute(file, ec).string();
  const char quote = path.find('\'') == std::string::npos ? '\'' : '"';
  if (path.find(quote) != std::string::npos) {
    return Error{"--suppressions " + file + ": TSan cannot read a path with both ' and \""};
  }
  std::string options(inherited);
  if (!options.empty()) options += ':';
  // Last, so that it wins over a suppressions= the environment already had.
  return options + "suppressions=" + quote + path + quote;
}

}  // namespace lockstress
