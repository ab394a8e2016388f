#include "harness/runtime/case_exception.hpp"

#include <cxxabi.h>
#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <memory>
#include <typeinfo>

#include "harness/protocol/protocol.hpp"
#include "harness/runtime/record_writer.hpp"

namespace lockstress {
namespace {

std::string current_exception_type() {
  const std::type_info* type = abi::__cxa_current_exception_type();
  if (type == nullptr) return "unknown";
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(
      abi::__cxa_demangle(type->name(), nullptr, nullptr, &status), std::free);
  return status == 0 && name ? name.get() : type->name();
}

}  // namespace

std::string describe_current_exception() {
  try {
    throw;
  } catch (const std::exception& e) {
    return current_exception_type() + ": " + e.what();
  } catch (...) {
    return "an exception of type " + current_exception_type();
  }
}

void exit_with_case_exception(std::int64_t index, std::uint64_t seed) {
  write_exception_record(index, seed, describe_current_exception());
  ::_exit(protocol::kCaseThrewStatus);
}

}  // namespace lockstress
