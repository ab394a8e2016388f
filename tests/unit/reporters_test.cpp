#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "harness/reporters/reporters.hpp"
#include "sample_summary.hpp"

namespace lockstress {
namespace {

// Compares `received` with tests/approved/<name>. With LOCKSTRESS_UPDATE_APPROVED=1 in the
// environment it rewrites the approved file instead (review the diff before committing it).
void expect_approved(const std::string& name, const std::string& received) {
  const std::string path = std::string(LOCKSTRESS_APPROVED_DIR) + "/" + name;
  if (std::getenv("LOCKSTRESS_UPDATE_APPROVED")) {
    std::ofstream(path, std::ios::binary) << received;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "no approved file " << path << " (set LOCKSTRESS_UPDATE_APPROVED=1 to create it)";
  std::ostringstream approved_text;
  approved_text << in.rdbuf();
  const std::string approved = approved_text.str();
  if (received == approved) return;
  // Name the first differing line, and keep the whole output for a diff.
  std::istringstream a(approved), r(received);
  std::string approved_line, received_line;
  int line = 1;
  while (std::getline(a, approved_line) && std::getline(r, received_line) &&
         approved_line == received_line) {
    ++line;
  }
  std::ofstream(name + ".received", std::ios::binary) << received;
  ADD_FAILURE() << path << " differs at line " << line << ":\n  approved: " << approved_line
                << "\n  received: " << received_line << "\n(whole output in " << name
                << ".received in the test's working directory)";
}

TEST(Reporters, ConsoleMatchesTheApprovedFile) {
  std::ostringstream out;
  write_console(testing::sample_summary(), out);
  expect_approved("summary.console.txt", out.str());
}

TEST(Reporters, JsonMatchesTheApprovedFile) {
  std::ostringstream out;
  write_json(testing::sample_summary(), out);
  expect_approved("summary.json", out.str());
}

}  // namespace
}  // namespace lockstress
