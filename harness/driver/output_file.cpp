#include "harness/driver/output_file.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <memory>
#include <random>
#include <utility>

#include "harness/base/system_error.hpp"

namespace lockstress {
namespace {

// How often to draw another temporary name when one exists already: with 64 random bits, a
// second collision means someone is guessing, and failing is right.
constexpr int kNameAttempts = 8;

// What went wrong at `path`; at a limit of the machine's, which limit (errno_text), and not "cannot
// write here": the path is not the problem.
Error failure(const std::string& path, const std::string& what, int error) {
  const int exit_code = open_failure_exit_code(error);
  return Error{path + ": " + (exit_code == kExitUsage ? what : "cannot open") + " (" +
                   errno_text(error) + ")",
               exit_code};
}

// ".lockstress-<16 hex digits>.tmp": short (a legal 255-byte name stays legal beside it), hidden,
// and drawn from the kernel's random source, so that nobody can plant a symlink at it in advance.
std::string temporary_name() {
  std::uint64_t bits = 0;
  if (getrandom(&bits, sizeof bits, 0) != sizeof bits) {
    bits = (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
  }
  char name[40];
  std::snprintf(name, sizeof name, ".lockstress-%016llx.tmp",
                static_cast<unsigned long long>(bits));
  return name;
}

// A symlink the kernel's protected_symlinks rule would not follow: in a sticky world-writable
// directory, owned by neither the follower nor the directory's owner. Such a link is how another
// user of /tmp redirects root's output onto a file of their choosing.
bool planted_by_another_user(const std::string& path, const struct stat& link) {
  const std::size_t slash = path.find_last_of('/');
  const std::string directory = slash == std::string::npos ? "."
                                : slash == 0               ? "/"
                                                           : path.substr(0, slash);
  struct stat dir {};
  if (::stat(directory.c_str(), &dir) != 0) return false;
  const bool shared = (dir.st_mode & S_ISVTX) && (dir.st_mode & S_IWOTH);
  return shared && link.st_uid != geteuid() && link.st_uid != dir.st_uid;
}

bool same_file(const struct stat& a, int fd) {
  struct stat b {};
  return ::fstat(fd, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// 0, or the errno of the write that failed.
int write_all(int fd, std::string_view contents) {
  while (!contents.empty()) {
    const ssize_t n = ::write(fd, contents.data(), contents.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    contents.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

}  // namespace

Result<FileId> existing_file_id(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return failure(path, "cannot read", errno);
  return FileId{st.st_dev, st.st_ino, ""};
}

Result<OutputFile> OutputFile::open(const std::string& path) {
  if (path.empty()) return Error{"empty file name"};
  OutputFile file;
  file.path_ = path;
  struct stat link {};
  const bool exists = ::lstat(path.c_str(), &link) == 0;
  if (!exists && errno != ENOENT) return failure(path, "cannot write here", errno);
  std::string target = path;
  struct stat st = link;
  if (exists && S_ISLNK(link.st_mode)) {
    if (planted_by_another_user(path, link)) {
      return Error{path +
                   ": a symlink another user owns in a sticky world-writable directory; "
                   "not followed (remove it, or name the file it points to)"};
    }
    if (::stat(path.c_str(), &st) != 0) {
      return failure(path, "is a symlink to a file that does not exist", errno);
    }
  }
  if (exists) {
    // Our own stdout or stderr (/dev/stdout, /dev/fd/2, or the file they are redirected to) is
    // written through its descriptor, keeping the shell's offset and O_APPEND.
    for (int fd : {STDOUT_FILENO, STDERR_FILENO}) {
      if (!same_file(st, fd)) continue;
      file.kind_ = Kind::stream;
      file.fd_ = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
      if (file.fd_ < 0) return failure(path, "cannot write", errno);
      file.id_ = FileId{st.st_dev, st.st_ino, ""};
      return file;
    }
    if (S_ISDIR(st.st_mode)) return Error{path + ": is a directory"};
    if (S_ISBLK(st.st_mode)) {
      return Error{path + ": is a block device; outputs are files, FIFOs or character devices"};
    }
    if (S_ISSOCK(st.st_mode)) return Error{path + ": is a socket"};
    if (!S_ISREG(st.st_mode)) {
      // A FIFO or character device: written into, never replaced. O_NONBLOCK makes a FIFO with
      // no reader fail at once (ENXIO) instead of blocking the run before it starts.
      file.kind_ = Kind::stream;
      file.fd_ = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
      if (file.fd_ < 0 && errno == ENXIO && S_ISFIFO(st.st_mode)) {
        return Error{path + ": a FIFO no process reads it (start its reader first)"};
      }
      if (file.fd_ < 0) return failure(path, "cannot write", errno);
      ::fcntl(file.fd_, F_SETFL, ::fcntl(file.fd_, F_GETFL) & ~O_NONBLOCK);
      file.id_ = FileId{st.st_dev, st.st_ino, ""};
      return file;
    }
    if (S_ISLNK(link.st_mode)) {
      // A symlink to a regular file: the file is replaced and the symlink stays.
      std::unique_ptr<char, decltype(&std::free)> resolved(::realpath(path.c_str(), nullptr),
                                                           &std::free);
      if (!resolved) return failure(path, "cannot resolve the symlink", errno);
      target = resolved.get();
    }
  }

  const std::size_t slash = target.find_last_of('/');
  const std::string directory = slash == std::string::npos ? "."
                                : slash == 0               ? "/"
                                                           : target.substr(0, slash);
  file.name_ = slash == std::string::npos ? target : target.substr(slash + 1);
  if (file.name_.empty() || file.name_ == "." || file.name_ == "..") {
    return Error{path + ": is a directory"};
  }
  file.directory_fd_ = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (file.directory_fd_ < 0) return failure(path, "cannot write here", errno);
  if (exists && ::faccessat(file.directory_fd_, file.name_.c_str(), W_OK, AT_EACCESS) != 0) {
    return failure(path, "cannot replace it", errno);
  }
  file.fd_ = ::openat(file.directory_fd_, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  // Filesystems without O_TMPFILE (EOPNOTSUPP; EISDIR from kernels before it) get a named one.
  for (int attempt = 0;
       file.fd_ < 0 &&
       (errno == EOPNOTSUPP || errno == EISDIR || (errno == EEXIST && attempt > 0)) &&
       attempt < kNameAttempts;
       ++attempt) {
    file.temporary_ = temporary_name();
    file.fd_ = ::openat(file.directory_fd_, file.temporary_.c_str(),
                        O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (file.fd_ < 0) file.temporary_.clear();
  }
  if (file.fd_ < 0) return failure(path, "cannot write here", errno);
  struct stat where {};
  if (exists) {
    where = st;
  } else if (::fstat(file.directory_fd_, &where) != 0) {
    return failure(path, "cannot write here", errno);
  }
  file.id_ = FileId{where.st_dev, where.st_ino, exists ? "" : file.name_};
  return file;
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : kind_(other.kind_),
      path_(std::move(other.path_)),
      id_(std::move(other.id_)),
      fd_(std::exchange(other.fd_, -1)),
      directory_fd_(std::exchange(other.directory_fd_, -1)),
      name_(std::move(other.name_)),
      temporary_(std::move(other.temporary_)) {
  other.temporary_.clear();
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temporary_.empty()) ::unlinkat(directory_fd_, temporary_.c_str(), 0);
  if (directory_fd_ >= 0) ::close(directory_fd_);
}

Result<void> OutputFile::commit(std::string_view contents) {
  if (fd_ < 0) return Error{path_ + ": written already"};
  const int fd = std::exchange(fd_, -1);
  const int written = write_all(fd, contents);
  if (kind_ == Kind::stream) {
    ::close(fd);
    if (written != 0) return failure(path_, "write failed", written);
    return {};
  }
  auto fail = [&](const std::string& what, int error) {
    ::close(fd);
    if (!temporary_.empty()) ::unlinkat(directory_fd_, temporary_.c_str(), 0);
    temporary_.clear();
    return failure(path_, what, error);
  };
  if (written != 0) return fail("write failed", written);
  if (::fsync(fd) != 0 && errno != EINVAL) return fail("write failed", errno);
  // The file it replaces keeps its owner (where we may set it: root, or our own group) and
  // permissions; set-id bits are not carried over to a report.
  struct stat old {};
  if (::fstatat(directory_fd_, name_.c_str(), &old, AT_SYMLINK_NOFOLLOW) == 0 &&
      S_ISREG(old.st_mode)) {
    (void)!::fchown(fd, old.st_uid, old.st_gid);
    if (::fchmod(fd, old.st_mode & 0777) != 0) return fail("cannot keep its permissions", errno);
  }
  if (temporary_.empty()) {
    // An O_TMPFILE has no name until it is linked: give it one (AT_EMPTY_PATH needs
    // CAP_DAC_READ_SEARCH; /proc/self/fd works for anyone), then rename it over the target.
    const std::string proc = "/proc/self/fd/" + std::to_string(fd);
    for (int attempt = 0; attempt < kNameAttempts && temporary_.empty(); ++attempt) {
      const std::string name = temporary_name();
      if (::linkat(fd, "", directory_fd_, name.c_str(), AT_EMPTY_PATH) == 0 ||
          ::linkat(AT_FDCWD, proc.c_str(), directory_fd_, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
        temporary_ = name;
      } else if (errno != EEXIST) {
        return fail("cannot write here", errno);
      }
    }
    if (temporary_.empty()) return fail("cannot write here", EEXIST);
  }
  if (::renameat(directory_fd_, temporary_.c_str(), directory_fd_, name_.c_str()) != 0) {
    return fail("cannot rename into place", errno);
  }
  temporary_.clear();
  ::close(fd);
  // The rename itself survives a crash once the directory is synced.
  (void)::fsync(directory_fd_);
  return {};
}

}  // namespace lockstress
