#include "harness/driver/suppressions.hpp"

#include <gtest/gtest.h>
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
