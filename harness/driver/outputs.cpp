#include "harness/driver/outputs.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <sstream>

#include "harness/base/system_error.hpp"
#include "harness/driver/error_line.hpp"
#include "harness/reporters/reporters.hpp"

namespace lockstress {
namespace {

struct Format {
  const char* option;
  std::string OutputPaths::*path;
  void (*write)(const Summary&, std::ostream&);
};

// Every file format lockstress writes, by the option that asks for it.
constexpr Format kFormats[] = {
    {"--json", &OutputPaths::json, write_json},
    {"--markdown", &OutputPaths::markdown, write_markdown},
    {"--junit", &OutputPaths::junit, write_junit},
    {"--sarif", &OutputPaths::sarif, write_sarif},
    {"--html", &OutputPaths::html, write_html},
};

bool stdout_was_closed = false;

}  // namespace

Result<OpenOutputs> open_outputs(const OutputPaths& paths, const std::vector<InputFile>& inputs) {
  std::vector<std::pair<FileId, InputFile>> read;
  for (const InputFile& input : inputs) {
    // An input that cannot be looked at is its reader's to report; it cannot be an output either.
    if (Result<FileId> id = existing_file_id(input.path)) read.emplace_back(*id, input);
  }
  OpenOutputs outputs;
  for (const Format& format : kFormats) {
    const std::string& path = paths.*format.path;
    if (path.empty()) continue;
    Result<OutputFile> file = OutputFile::open(path);
    if (!file)
      return Error{std::string(format.option) + " " + file.error().message, file.error().exit_code};
    for (const OpenOutputs::Entry& other : outputs.entries) {
      if (other.file.id() != file->id()) continue;
      if (other.file.path() == path) {
        return Error{std::string(other.option) + " and " + format.option + " name the same file " +
                     path};
      }
      return Error{std::string(other.option) + " " + other.file.path() + " and " + format.option +
                   " " + path + " name the same file"};
    }
    for (const auto& [id, input] : read) {
      if (id == file->id()) {
        return Error{std::string(format.option) + " " + path + " would overwrite " + input.role +
                     " " + input.path};
      }
    }
    outputs.entries.push_back({format.option, format.write, std::move(*file)});
  }
  return outputs;
}

void deliver(Summary& summary, OpenOutputs& outputs, std::ostream* console) {
  auto failed = [&](const std::string& output, const Error& problem) {
    print_error(problem);
    summary.unwritten_outputs.push_back(output);
  };
  if (console) {
    errno = 0;
    write_console(summary, *console);
    console->flush();
    if (stdout_was_closed) {
      failed("stdout", Error{"stdout: is closed; the summary was not printed"});
    } else if (!*console) {
      failed("stdout", Error{"stdout: write failed" +
                             (errno != 0 ? " (" + errno_text(errno) + ")" : std::string())});
    }
  }
  // The JSON last: it records the exit code, which the others' failures change.
  for (bool json : {false, true}) {
    for (OpenOutputs::Entry& entry : outputs.entries) {
      if ((entry.write == write_json) != json) continue;
      std::ostringstream text;
      entry.write(summary, text);
      Result<void> written = entry.file.commit(text.str());
      if (!written) {
        failed(std::string(entry.option) + " " + entry.file.path(),
               Error{std::string(entry.option) + " " + written.error().message});
      }
    }
  }
}

void reserve_standard_streams() {
  for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    if (::fcntl(fd, F_GETFD) >= 0 || errno != EBADF) continue;
    if (fd == STDOUT_FILENO) stdout_was_closed = true;
    const int null = ::open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
    if (null >= 0 && null != fd) {
      ::dup2(null, fd);
      ::close(null);
    }
  }
}

}  // namespace lockstress
