#pragma once

namespace lockstress {

// How this program's runners were compiled, written at configure time by lockstress_add_runner()
// into a generated source of the driver ("compiler", "plain_flags", "tsan_flags",
// "tsan_runtime"). Returns nullptr for a key it does not know, and everywhere when the program
// was not built by lockstress_add_runner (a weak default stands in: see context.cpp).
extern "C" const char* lockstress_build_field(const char* key);

}  // namespace lockstress
