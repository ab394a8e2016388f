#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

#include "harness/base/result.hpp"

namespace lockstress {

// Which file a path names, after symlinks and hard links: the file's device and inode when it
// exists; else its directory's, with the name it would get there.
struct FileId {
  dev_t device = 0;
  ino_t inode = 0;
  std::string name;  // empty for a file that exists

  bool operator==(const FileId&) const = default;
};

// The FileId of a file that must exist (an input); an Error when it cannot be looked at.
Result<FileId> existing_file_id(const std::string& path);

// One output of a run or merge, opened before anything runs, so that whatever would keep it from
// being written (a missing directory, a full descriptor table, a FIFO nobody reads) is found
// before the run, not after it; committed once the summary is finished.
//
// - A regular file, or a name that does not exist yet, is written to a temporary file in its
//   directory (O_TMPFILE, or else an unpredictable name created with O_EXCL | O_NOFOLLOW), synced,
//   and renamed over the name: a reader, or a killed run, never sees half a file. The file it
//   replaces keeps its permissions and, where we may set it, its owner; a new file gets the
//   umask's. A symlink is followed to the file it names and stays a symlink, unless it dangles or
//   is one that another user planted in a sticky world-writable directory such as /tmp (the
//   kernel's protected_symlinks rule, applied whatever that sysctl says): those are refused.
// - A FIFO, a pipe or a character device (/dev/stdout, /dev/null) is written straight into, never
//   replaced: the file our own stdout or stderr is open on is written through that descriptor
//   (so `--json /dev/stdout >>log` appends), a FIFO must have a reader when the run starts.
// - A block device, a socket or a directory is refused.
class OutputFile {
 public:
  // `path` as the user gave it, for messages. An Error is a usage mistake: exit 2.
  static Result<OutputFile> open(const std::string& path);

  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&& other) = delete;
  OutputFile(const OutputFile&) = delete;
  ~OutputFile();  // an uncommitted temporary file disappears

  const std::string& path() const { return path_; }
  const FileId& id() const { return id_; }

  // Writes `contents` and puts the file in place; at most once.
  Result<void> commit(std::string_view contents);

 private:
  enum class Kind { replace, stream };
  OutputFile() = default;

  Kind kind_ = Kind::replace;
  std::string path_;
  FileId id_;
  int fd_ = -1;            // the temporary file, or the stream written into
  int directory_fd_ = -1;  // replace: the directory of the file replaced
  std::string name_;       // replace: its name in that directory
  std::string temporary_;  // replace: the temporary's name, when it has one (no O_TMPFILE)
};

}  // namespace lockstress
