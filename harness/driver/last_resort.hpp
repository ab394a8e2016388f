#pragma once

#include <exception>

#include "harness/base/result.hpp"

namespace lockstress {

// What an exception that reached main means to the user, as one line: the environment kept
// lockstress from working (std::bad_alloc under `ulimit -v`, a working directory deleted under
// it), which is exit 4 (kExitError), never an abort with a C++ type name.
Error last_resort_error(std::exception_ptr thrown);

}  // namespace lockstress
