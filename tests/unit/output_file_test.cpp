#include "harness/driver/output_file.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "result_testing.hpp"

namespace lockstress {
namespace {

using testing::message_of;

namespace fs = std::filesystem;

class OutputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("lockstress-output-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::size_t entries() const {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
  }
  fs::path dir_;
};

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<void> write(const fs::path& path, const std::string& text) {
  Result<OutputFile> file = OutputFile::open(path.string());
  if (!file) return file.error();
  return file->commit(text);
}

TEST_F(OutputFileTest, WritesAndReplacesWithoutLeavingTemporaries) {
  const fs::path path = dir_ / "out.json";
  EXPECT_TRUE(write(path, "first"));
  EXPECT_TRUE(write(path, "second"));
  EXPECT_EQ(read(path), "second");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(OutputFileTest, AMissingDirectoryIsReportedWhenOpened) {
  const fs::path path = dir_ / "missing" / "out.json";
  EXPECT_NE(message_of(OutputFile::open(path.string())).find("cannot write here"),
            std::string::npos);
}

// An output opened and never committed (the run failed, or the writer threw) leaves the previous
// file whole and nothing else.
// At the descriptor limit the path is not at fault: not "cannot write here" and bad input (exit
// 2), but the limit, named, and exit 4 as for every other limit.
TEST_F(OutputFileTest, TheDescriptorLimitIsNamedAndIsNoUsageError) {
  const int lowest_free = ::dup(STDIN_FILENO);
  ASSERT_GE(lowest_free, 0);
  ::close(lowest_free);
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  rlimit low = saved;
  low.rlim_cur = static_cast<rlim_t>(lowest_free);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
  Result<OutputFile> file = OutputFile::open((dir_ / "out.json").string());
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &saved), 0);
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().exit_code, kExitError);
  EXPECT_NE(file.error().message.find("cannot open (Too many open files (the limit of open files "
                                      "(ulimit -n) is " +
                                      std::to_string(lowest_free) + "))"),
            std::string::npos)
      << file.error().message;
}

TEST_F(OutputFileTest, AnOutputNeverCommittedChangesNothing) {
  const fs::path path = dir_ / "out.json";
  EXPECT_TRUE(write(path, "previous"));
  {
    Result<OutputFile> file = OutputFile::open(path.string());
    ASSERT_TRUE(file);
    EXPECT_EQ(read(path), "previous");
  }
  EXPECT_EQ(read(path), "previous");
  EXPECT_EQ(entries(), 1u);
}

// While a run is under way its outputs are open, but nothing new is visible in the directory
// (O_TMPFILE here; a filesystem without it shows one hidden, unpredictable name).
TEST_F(OutputFileTest, AnOpenOutputAddsNoNameThatCanBePredicted) {
  Result<OutputFile> file = OutputFile::open((dir_ / "out.json").string());
  ASSERT_TRUE(file);
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(name.rfind(".lockstress-", 0), 0u) << name;
    EXPECT_EQ(name.size(), std::string(".lockstress-0123456789abcdef.tmp").size()) << name;
  }
  EXPECT_TRUE(file->commit("x"));
  EXPECT_EQ(entries(), 1u);
}

TEST_F(OutputFileTest, ACommitHappensOnce) {
  Result<OutputFile> file = OutputFile::open((dir_ / "out.json").string());
  ASSERT_TRUE(file);
  EXPECT_TRUE(file->commit("x"));
  EXPECT_EQ(message_of(file->commit("y")), (dir_ / "out.json").string() + ": written already");
  EXPECT_EQ(read(dir_ / "out.json"), "x");
}

TEST_F(OutputFileTest, ADirectoryIsNotAFile) {
  EXPECT_NE(message_of(OutputFile::open(dir_.string())).find("is a directory"), std::string::npos);
  EXPECT_NE(message_of(OutputFile::open(dir_.string() + "/")).find("is a directory"),
            std::string::npos);
  EXPECT_EQ(message_of(OutputFile::open("")), "empty file name");
}

// The identity of a file that does not exist yet is its directory and name, so that two
// spellings of one new file are the same output.
TEST_F(OutputFileTest, TwoSpellingsOfOneNewFileHaveOneIdentity) {
  fs::create_directory(dir_ / "sub");
  Result<OutputFile> a = OutputFile::open((dir_ / "new.json").string());
  Result<OutputFile> b = OutputFile::open((dir_ / "sub" / ".." / "new.json").string());
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->id(), b->id());
  Result<OutputFile> c = OutputFile::open((dir_ / "other.json").string());
  ASSERT_TRUE(c);
  EXPECT_FALSE(a->id() == c->id());
}

// As a user other than root (root may write any file): run in a child that drops to nobody.
TEST_F(OutputFileTest, AReadOnlyFileIsNotReplacedBehindItsOwnersBack) {
  const fs::path path = dir_ / "kept.json";
  std::ofstream(path) << "kept";
  ASSERT_EQ(chmod(path.c_str(), 0444), 0);
  ASSERT_EQ(chmod(dir_.c_str(), 0777), 0);
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (geteuid() == 0 && (setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534))) {
      _exit(2);
    }
    const std::string message = message_of(OutputFile::open(path.string()));
    (void)!::write(pipe_fds[1], message.data(), message.size());
    _exit(0);
  }
  close(pipe_fds[1]);
  char buffer[512];
  const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
  close(pipe_fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const std::string message(buffer, static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
  EXPECT_NE(message.find("cannot replace it (Permission denied)"), std::string::npos) << message;
  EXPECT_EQ(read(path), "kept");
}

}  // namespace
}  // namespace lockstress
