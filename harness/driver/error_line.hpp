#pragma once

#include <iostream>

#include "harness/base/exit_codes.hpp"
#include "harness/base/result.hpp"

namespace lockstress {

// How every command reports an Error: one line on stderr, and the exit code it returns (the
// Error's own, unless the caller knows better).
inline int print_error(const Error& error, int exit_code) {
  std::cerr << "lockstress: " << error.message << '\n';
  return exit_code;
}
inline int print_error(const Error& error) { return print_error(error, error.exit_code); }

}  // namespace lockstress
