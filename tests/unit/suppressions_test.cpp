#include "harness/driver/suppressions.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "result_testing.hpp"

namespace lockstress {
namespace {

using testing::message_of;
using testing::value_of;

TEST(Suppressions, AcceptsEveryTypeTsanKnowsCommentsAndBlankLines) {
  EXPECT_TRUE(check_suppressions(
      "# why: the counter is racy on purpose\n\n  race:UnguardedIncrement  \nrace_top:f\n"
      "mutex:m\nthread:t\nsignal:s\ncalled_from_lib:libfoo.so\ndeadlock:d\r\n",
      "s.supp"));
}

TEST(Suppressions, NamesTheFileAndLineOfEachMistake) {
  EXPECT_EQ(message_of(check_suppressions("race:a\nracey:b\n", "s.supp")),
            "--suppressions s.supp:2: unknown suppression type 'racey' (race, race_top, mutex, "
            "thread, signal, called_from_lib, deadlock)");
  EXPECT_EQ(message_of(check_suppressions("just a function name\n", "s.supp")),
            "--suppressions s.supp:1: 'just a function name' is not type:pattern");
  EXPECT_EQ(message_of(check_suppressions("# ok\nrace:   \n", "s.supp")),
            "--suppressions s.supp:2: 'race:' has no pattern");
  EXPECT_EQ(message_of(check_suppressions(std::string("race:a\0b", 8), "s.supp")),
            "--suppressions s.supp:1: holds a NUL byte");
}

TEST(Suppressions, AMissingFileOrADirectoryIsAProblem) {
  EXPECT_EQ(message_of(check_suppressions_file("/nonexistent/tsan.supp")),
            "--suppressions /nonexistent/tsan.supp: no such file");
  EXPECT_EQ(message_of(check_suppressions_file("/")), "--suppressions /: is a directory");
}

// /dev/zero grew the text without end and a FIFO blocked forever (issue 13 item 11).
TEST(Suppressions, OnlyARegularFileOfBoundedSizeIsRead) {
  EXPECT_EQ(message_of(check_suppressions_file("/dev/zero")),
            "--suppressions /dev/zero: is not a regular file");
  const auto fifo =
      std::filesystem::temp_directory_path() / ("lockstress-fifo-" + std::to_string(getpid()));
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(message_of(check_suppressions_file(fifo.string())),
            "--suppressions " + fifo.string() + ": is not a regular file");
  std::filesystem::remove(fifo);
  const auto big =
      std::filesystem::temp_directory_path() / ("lockstress-big-" + std::to_string(getpid()));
  {
    std::ofstream out(big);
    const std::string line = "# a comment line of some length, repeated past the bound\n";
    while (static_cast<std::size_t>(out.tellp()) <= kMaxSuppressionsBytes) out << line;
  }
  EXPECT_EQ(message_of(check_suppressions_file(big.string())),
            "--suppressions " + big.string() + ": is larger than 1048576 bytes");
  std::filesystem::remove(big);
}

TEST(Suppressions, ReadsTheFile) {
  const auto path =
      std::filesystem::temp_directory_path() / ("lockstress-supp-" + std::to_string(getpid()));
  std::ofstream(path) << "race:f\nnope\n";
  EXPECT_EQ(message_of(check_suppressions_file(path.string())),
            "--suppressions " + path.string() + ":2: 'nope' is not type:pattern");
  std::filesystem::remove(path);
}

TEST(Suppressions, AppendsAnAbsoluteQuotedPathToTheInheritedOptions) {
  const std::string cwd = std::filesystem::current_path().string();
  EXPECT_EQ(*tsan_options_with_suppressions("", "/a b/t.supp"), "suppressions='/a b/t.supp'");
  EXPECT_EQ(*tsan_options_with_suppressions("verbosity=1", "t.supp"),
            "verbosity=1:suppressions='" + cwd + "/t.supp'");
  EXPECT_EQ(*tsan_options_with_suppressions("", "/it's.supp"), "suppressions=\"/it's.supp\"");
  EXPECT_FALSE(tsan_options_with_suppressions("", "/it's \"x\".supp"));
}

}  // namespace
}  // namespace lockstress
