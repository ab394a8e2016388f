#include "harness/driver/last_resort.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <filesystem>
#include <new>
#include <stdexcept>

namespace lockstress {
namespace {

template <class E>
std::string message_for(const E& thrown) {
  return last_resort_error(std::make_exception_ptr(thrown)).message;
}

// merge of a 200 MB summary under `ulimit -v 600000` aborted on std::bad_alloc (issue 13 item 8).
TEST(LastResort, OutOfMemoryNamesTheAddressSpaceLimitWhenThereIsOne) {
  rlimit limit{};
  ASSERT_EQ(getrlimit(RLIMIT_AS, &limit), 0);
  const std::string message = message_for(std::bad_alloc());
  if (limit.rlim_cur == RLIM_INFINITY) {
    EXPECT_EQ(message, "out of memory");
  } else {
    EXPECT_EQ(message, "out of memory (the address-space limit, ulimit -v, is " +
                           std::to_string(limit.rlim_cur / 1024) + " kB)");
  }
}

// A working directory deleted under lockstress aborted it with "filesystem_error ... cannot get
// current path".
TEST(LastResort, ALostWorkingDirectoryIsSaidInWords) {
  EXPECT_EQ(message_for(std::filesystem::filesystem_error(
                "cannot get current path",
                std::make_error_code(std::errc::no_such_file_or_directory))),
            "the working directory no longer exists (No such file or directory): run lockstress "
            "from one that does");
  EXPECT_EQ(message_for(std::runtime_error("something else")), "something else");
}

}  // namespace
}  // namespace lockstress
