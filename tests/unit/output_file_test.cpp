#include "harness/driver/output_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "result_testing.hpp"

namespace lockstress {
namespace {

using testing::message_of;
using testing::value_of;

namespace fs = std::filesystem;

class OutputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("lockstress-output-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_F(OutputFileTest, WritesAndReplacesWithoutLeavingTemporaries) {
  const std::string path = (dir_ / "out.json").string();
  EXPECT_TRUE(check_writable(path));
  EXPECT_TRUE(write_atomically(path, [](std::ostream& out) { out << "first"; }));
  EXPECT_TRUE(write_atomically(path, [](std::ostream& out) { out << "second"; }));
  EXPECT_EQ(read(path), "second");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(OutputFileTest, AMissingDirectoryIsReportedBeforeAnythingRuns) {
  const std::string path = (dir_ / "missing" / "out.json").string();
  EXPECT_NE(message_of(check_writable(path)).find("cannot write here"), std::string::npos);
  EXPECT_FALSE(write_atomically(path, [](std::ostream& out) { out << "x"; }));
}

// A writer that fails halfway leaves the previous file whole and no temporary behind.
TEST_F(OutputFileTest, AWriterThatFailsHalfwayChangesNothing) {
  const std::string path = (dir_ / "out.json").string();
  EXPECT_TRUE(write_atomically(path, [](std::ostream& out) { out << "previous"; }));
  EXPECT_THROW((void)write_atomically(path,
                                      [](std::ostream& out) {
                                        out << "half of a new fi";
                                        throw std::runtime_error("writer failed");
                                      }),
               std::runtime_error);
  EXPECT_EQ(read(path), "previous");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(OutputFileTest, ADirectoryIsNotAFile) {
  EXPECT_NE(message_of(check_writable(dir_.string())).find("is a directory"), std::string::npos);
}

}  // namespace
}  // namespace lockstress
