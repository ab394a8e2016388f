#include "harness/driver/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace lockstress {
namespace {

std::string temporary_beside(const std::string& path) {
  return path + ".tmp." + std::to_string(getpid());
}

}  // namespace

Result<void> check_writable(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Error{path + ": is a directory"};
  const std::string probe = temporary_beside(path);
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Error{path + ": cannot write here (" + std::strerror(errno) + ")"};
  ::close(fd);
  ::unlink(probe.c_str());
  return {};
}

Result<void> write_atomically(const std::string& path,
                              const std::function<void(std::ostream&)>& write) {
  const std::string temporary = temporary_beside(path);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return Error{path + ": cannot write (" + std::strerror(errno) + ")"};
    try {
      write(out);
    } catch (...) {
      out.close();
      std::remove(temporary.c_str());
      throw;
    }
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      return Error{path + ": write failed (" + std::strerror(errno) + ")"};
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    Error problem{path + ": cannot rename into place (" + std::strerror(errno) + ")"};
    std::remove(temporary.c_str());
    return problem;
  }
  return {};
}

}  // namespace lockstress
