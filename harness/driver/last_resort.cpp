#include "harness/driver/last_resort.hpp"

#include <sys/resource.h>

#include <filesystem>
#include <new>
#include <string>

namespace lockstress {
namespace {

// The address-space limit, where one is set: the usual reason for running out of memory.
std::string address_space_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return "";
  return " (the address-space limit, ulimit -v, is " + std::to_string(limit.rlim_cur / 1024) +
         " kB)";
}

}  // namespace

Error last_resort_error(std::exception_ptr thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const std::bad_alloc&) {
    return Error{"out of memory" + address_space_limit()};
  } catch (const std::filesystem::filesystem_error& error) {
    if (error.path1().empty() && error.code() == std::errc::no_such_file_or_directory) {
      return Error{"the working directory no longer exists (" + error.code().message() +
                   "): run lockstress from one that does"};
    }
    return Error{error.what()};
  } catch (const std::exception& error) {
    return Error{error.what()};
  } catch (...) {
    return Error{"stopped by an unknown exception"};
  }
}

}  // namespace lockstress
