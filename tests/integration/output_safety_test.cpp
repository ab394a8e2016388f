// Outputs under a hostile or careless user (CI runs lockstress as root): an output never replaces
// a device file, a FIFO or a symlink, never follows a name someone else can predict or plant,
// keeps the permissions of the file it replaces, never overwrites an input, and takes any legal
// file name.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <fstream>
#include <thread>

#include "spawn.hpp"

namespace lockstress {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::Scratch;
namespace fs = std::filesystem;

// A run of a fraction of a second: the control and the locked counter, plain only.
const std::string kQuickRun =
    "run --case locked_counter --variant plain --threads 2 --iterations 1000 --trials 2 --seed 1 "
    "--quiet";

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

testing::Ran run(const std::string& args, const Scratch& scratch) {
  return testing::run_program(LOCKSTRESS_BINARY, args, scratch);
}

bool is_summary(const std::string& text) {
  const json parsed = json::parse(text, nullptr, false);
  return !parsed.is_discarded() && parsed.value("schema", "") == "lockstress.summary/1";
}

// The run finished and wrote its outputs. Its verdicts do not matter here: in so few short trials
// on a loaded machine the control may go uncaught (3), or the workers never overlap (4).
bool verdict_code(int code) { return code == 0 || code == 1 || code == 3 || code == 4; }

::testing::AssertionResult finished(const testing::Ran& ran) {
  if (verdict_code(ran.exit_code)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "exit " << ran.exit_code << ": " << ran.err;
}

bool finished(int status) { return WIFEXITED(status) && verdict_code(WEXITSTATUS(status)); }

// A usage error: one line on stderr, exit 2.
::testing::AssertionResult refused(const testing::Ran& ran, const std::string& says) {
  if (ran.exit_code != 2) return ::testing::AssertionFailure() << "exit " << ran.exit_code;
  if (std::count(ran.err.begin(), ran.err.end(), '\n') != 1 ||
      ran.err.find(says) == std::string::npos) {
    return ::testing::AssertionFailure() << "stderr: " << ran.err;
  }
  return ::testing::AssertionSuccess();
}

// The reader opens the FIFO first (without blocking, as no writer is there yet) and reads until
// the writer, once it came, has gone.
TEST(OutputSafety, AFifoIsWrittenIntoAndStaysAFifo) {
  Scratch scratch;
  const fs::path fifo = scratch / "fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  std::string received;
  std::thread read_all([&] {
    const auto give_up = std::chrono::steady_clock::now() + 60s;
    char buffer[4096];
    while (std::chrono::steady_clock::now() < give_up) {
      const ssize_t n = ::read(reader, buffer, sizeof buffer);
      if (n > 0) {
        received.append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 && !received.empty()) {
        return;  // the writer came and went
      } else {
        std::this_thread::sleep_for(10ms);
      }
    }
  });
  testing::Ran ran = run(kQuickRun + " --json " + quoted(fifo), scratch);
  read_all.join();
  ::close(reader);
  EXPECT_TRUE(finished(ran));
  EXPECT_TRUE(is_summary(received)) << received.substr(0, 200);
  EXPECT_TRUE(fs::is_fifo(fifo));
}

TEST(OutputSafety, AFifoWithoutAReaderIsRefusedBeforeTheRun) {
  Scratch scratch;
  const fs::path fifo = scratch / "fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
  EXPECT_TRUE(refused(run(kQuickRun + " --json " + quoted(fifo), scratch), "no process reads it"));
  EXPECT_TRUE(fs::is_fifo(fifo));
}

// A character device of our own (a copy of /dev/null's numbers), so that the old behaviour, which
// replaced the device with a regular file, damages nothing outside the scratch directory.
TEST(OutputSafety, ACharacterDeviceIsWrittenIntoAndStaysADevice) {
  if (geteuid() != 0) GTEST_SKIP() << "mknod needs root";
  Scratch scratch;
  const fs::path device = scratch / "null";
  ASSERT_EQ(mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)), 0);
  testing::Ran ran = run(kQuickRun + " --json " + quoted(device), scratch);
  EXPECT_TRUE(finished(ran));
  EXPECT_TRUE(fs::is_character_file(device));
}

TEST(OutputSafety, AFullDeviceIsAFailedWriteNotAReplacedDevice) {
  if (geteuid() != 0) GTEST_SKIP() << "mknod needs root";
  Scratch scratch;
  const fs::path device = scratch / "full";
  ASSERT_EQ(mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 7)), 0);
  testing::Ran ran = run(kQuickRun + " --json " + quoted(device), scratch);
  EXPECT_EQ(ran.exit_code, 5) << ran.err;
  EXPECT_NE(ran.err.find("No space left on device"), std::string::npos) << ran.err;
  EXPECT_TRUE(fs::is_character_file(device));
}

TEST(OutputSafety, ABlockDeviceIsRefused) {
  if (geteuid() != 0) GTEST_SKIP() << "mknod needs root";
  Scratch scratch;
  const fs::path device = scratch / "disk";
  ASSERT_EQ(mknod(device.c_str(), S_IFBLK | 0600, makedev(7, 200)), 0);
  EXPECT_TRUE(refused(run(kQuickRun + " --json " + quoted(device), scratch), "block device"));
  EXPECT_TRUE(fs::is_block_file(device));
}

// /dev/stdout is a symlink to /proc/self/fd/1: the JSON goes where stdout goes, appended to what
// the shell opened, and the symlink stays. /proc/self/fd/1 is used here too: the old behaviour,
// renaming a file over the name, fails there instead of damaging /dev.
TEST(OutputSafety, StandardOutputByNameIsWrittenWhereStdoutGoes) {
  Scratch scratch;
  for (const char* name : {"/proc/self/fd/1", "/dev/stdout"}) {
    std::ofstream(scratch / "stdout") << "";
    const int status =
        std::system(("echo first > " + quoted(scratch / "log") + "; '" LOCKSTRESS_BINARY "' " +
                     kQuickRun + " --json " + name + " >> " + quoted(scratch / "log"))
                        .c_str());
    EXPECT_TRUE(finished(status)) << name;
    const std::string log = testing::slurp(scratch / "log");
    EXPECT_EQ(log.rfind("first\n{", 0), 0u) << name << ": " << log.substr(0, 80);
    EXPECT_TRUE(is_summary(log.substr(6))) << name;
  }
  EXPECT_TRUE(fs::is_symlink("/dev/stdout"));
}

TEST(OutputSafety, ASymlinkToARegularFileStaysASymlinkAndItsTargetIsReplaced) {
  Scratch scratch;
  std::ofstream(scratch / "real.json") << "old";
  fs::create_symlink(scratch / "real.json", scratch / "link.json");
  testing::Ran ran = run(kQuickRun + " --json " + quoted(scratch / "link.json"), scratch);
  EXPECT_TRUE(finished(ran));
  EXPECT_TRUE(fs::is_symlink(scratch / "link.json"));
  EXPECT_TRUE(is_summary(testing::slurp(scratch / "real.json")));
}

TEST(OutputSafety, ADanglingSymlinkIsRefused) {
  Scratch scratch;
  fs::create_symlink(scratch / "nowhere.json", scratch / "link.json");
  EXPECT_TRUE(refused(run(kQuickRun + " --json " + quoted(scratch / "link.json"), scratch),
                      "does not exist"));
  EXPECT_FALSE(fs::exists(scratch / "nowhere.json"));
}

// The kernel's protected_symlinks rule, which lockstress applies whatever the sysctl says: in a
// sticky world-writable directory (/tmp), a symlink another user owns is not followed.
TEST(OutputSafety, ASymlinkPlantedByAnotherUserInAStickyDirectoryIsRefused) {
  if (geteuid() != 0) GTEST_SKIP() << "lchown to another user needs root";
  Scratch scratch;
  const fs::path shared = scratch / "tmp";
  fs::create_directory(shared);
  ASSERT_EQ(chmod(shared.c_str(), 01777), 0);
  std::ofstream(scratch / "victim") << "precious";
  fs::create_symlink(scratch / "victim", shared / "o.json");
  ASSERT_EQ(lchown((shared / "o.json").c_str(), 65534, 65534), 0);
  EXPECT_TRUE(
      refused(run(kQuickRun + " --json " + quoted(shared / "o.json"), scratch), "another user"));
  EXPECT_EQ(testing::slurp(scratch / "victim"), "precious");
}

TEST(OutputSafety, AReplacedFileKeepsItsPermissionsAndOwner) {
  Scratch scratch;
  const fs::path out = scratch / "o.json";
  std::ofstream(out) << "old";
  ASSERT_EQ(chmod(out.c_str(), 0600), 0);
  const bool root = geteuid() == 0;
  if (root) ASSERT_EQ(chown(out.c_str(), 65534, 65534), 0);
  testing::Ran ran = run(kQuickRun + " --json " + quoted(out), scratch);
  EXPECT_TRUE(finished(ran));
  struct stat st {};
  ASSERT_EQ(stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  if (root) EXPECT_EQ(st.st_uid, 65534u);
  EXPECT_TRUE(is_summary(testing::slurp(out)));
}

TEST(OutputSafety, ANewFileGetsTheUmasksPermissions) {
  Scratch scratch;
  const fs::path out = scratch / "o.json";
  const int status = std::system(
      ("umask 027; '" LOCKSTRESS_BINARY "' " + kQuickRun + " --json " + quoted(out) + " >/dev/null")
          .c_str());
  EXPECT_TRUE(finished(status));
  struct stat st {};
  ASSERT_EQ(stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
}

// Names of 250 to 255 bytes are legal (NAME_MAX); a temporary named after them must not make
// them illegal. Nothing but the outputs is left in the directory.
TEST(OutputSafety, NamesUpToNameMaxAreWrittenAndLeaveNothingElse) {
  Scratch scratch;
  const fs::path dir = scratch / "out";
  fs::create_directory(dir);
  for (std::size_t length : {250u, 255u}) {
    const fs::path out = dir / std::string(length, 'n');
    testing::Ran ran = run(kQuickRun + " --json " + quoted(out), scratch);
    EXPECT_TRUE(finished(ran)) << length;
    EXPECT_TRUE(is_summary(testing::slurp(out))) << length;
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 2);
}

TEST(OutputSafety, AnOutputThatWouldOverwriteAnInputIsRefused) {
  Scratch scratch;
  const fs::path suppressions = scratch / "s.txt";
  std::ofstream(suppressions) << "race:nothing_here\n";
  fs::create_hard_link(suppressions, scratch / "hard.json");
  for (const fs::path& out : {suppressions, scratch / "hard.json"}) {
    EXPECT_TRUE(refused(run(kQuickRun + " --variant tsan --suppressions " + quoted(suppressions) +
                                " --json " + quoted(out),
                            scratch),
                        "--suppressions"))
        << out;
    EXPECT_EQ(testing::slurp(suppressions), "race:nothing_here\n");
  }
}

TEST(OutputSafety, AnOutputThatWouldOverwriteARunnerIsRefused) {
  Scratch scratch;
  // Through a symlink: the old behaviour replaced the symlink, not the runner.
  fs::create_symlink(std::string(LOCKSTRESS_BINARY) + "-plain", scratch / "runner");
  EXPECT_TRUE(refused(run(kQuickRun + " --html " + quoted(scratch / "runner"), scratch), "runner"));
  EXPECT_TRUE(fs::is_symlink(scratch / "runner"));
}

TEST(OutputSafety, AMergeOutputThatWouldOverwriteAnInputIsRefused) {
  Scratch scratch;
  const fs::path a = scratch / "a.json";
  ASSERT_TRUE(finished(run(kQuickRun + " --json " + quoted(a), scratch)));
  const std::string before = testing::slurp(a);
  fs::create_symlink(a, scratch / "alias.json");
  for (const fs::path& out : {a, scratch / "alias.json"}) {
    EXPECT_TRUE(
        refused(run("merge " + quoted(a) + " --quiet --markdown " + quoted(out), scratch), "input"))
        << out;
    EXPECT_EQ(testing::slurp(a), before);
  }
}

TEST(OutputSafety, TwoOutputsNamingOneFileThroughALinkAreRefused) {
  Scratch scratch;
  std::ofstream(scratch / "a.out") << "";
  fs::create_hard_link(scratch / "a.out", scratch / "b.out");
  EXPECT_TRUE(refused(run(kQuickRun + " --json " + quoted(scratch / "a.out") + " --html " +
                              quoted(scratch / "b.out"),
                          scratch),
                      "the same file"));
}

TEST(OutputSafety, AnEmptyOutputNameIsRefused) {
  Scratch scratch;
  for (const char* option : {"--json", "--markdown", "--junit", "--sarif", "--html"}) {
    EXPECT_TRUE(refused(run(kQuickRun + " " + option + " ''", scratch), "empty file name"))
        << option;
  }
}

// A long run, a symlink planted where the old code put its temporary (o.json.tmp.<pid>), then
// SIGINT: the run writes its output, and the symlink's target is untouched.
TEST(OutputSafety, ATemporaryIsNeverAtAPredictableName) {
  Scratch scratch;
  const fs::path dir = scratch / "out";
  fs::create_directory(dir);
  std::ofstream(scratch / "victim.txt") << "precious";
  const pid_t pid = testing::start_program(
      {LOCKSTRESS_FAULTS_BINARY, "run", "--case", "crawling_counter", "--variant", "plain",
       "--threads", "2", "--iterations", "1000", "--trials", "10", "--seed", "770031", "--json",
       (dir / "o.json").string()},
      scratch);
  ASSERT_GT(pid, 0);
  // Once the runner runs, the output was checked: the old code's temporary came at the end.
  ASSERT_TRUE(testing::eventually([&] { return testing::process_alive("--seed 770031 "); }, 20s));
  fs::create_symlink(scratch / "victim.txt", dir / ("o.json.tmp." + std::to_string(pid)));
  kill(pid, SIGINT);
  testing::wait_for(pid);
  EXPECT_EQ(testing::slurp(scratch / "victim.txt"), "precious");
  EXPECT_TRUE(is_summary(testing::slurp(dir / "o.json")));
}

}  // namespace
}  // namespace lockstress
