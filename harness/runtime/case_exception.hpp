#pragma once

#include <cstdint>
#include <string>

namespace lockstress {

// "std::runtime_error: lock table corrupted", or "an exception of type int": the exception being
// handled, for the summary. Call it only inside a catch block.
std::string describe_current_exception();

// The case threw out of trial `index`: writes the exception record and exits the whole runner at
// once (status protocol::kCaseThrewStatus), from whichever thread caught it. The other workers
// may be waiting on a lock the thrower held, so there is no finishing the trial; the driver
// restarts the runner after it.
[[noreturn]] void exit_with_case_exception(std::int64_t index, std::uint64_t seed);

}  // namespace lockstress
