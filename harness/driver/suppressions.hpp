#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "harness/base/result.hpp"

namespace lockstress {

// Checks a ThreadSanitizer suppressions file before anything runs. TSan itself reads it only when
// the runner starts, and then dies on a missing file or a bad line with status 66, which is the
// status of a race report too; here the problem is one line naming the file and line instead.
// Every line must be blank, a # comment, or type:pattern, with a type TSan knows (race, race_top,
// mutex, thread, signal, called_from_lib, deadlock) and a pattern that is not empty.
// The file must be a regular file of at most kMaxSuppressionsBytes: a device or a FIFO is refused
// before it is read.
Result<void> check_suppressions_file(const std::string& path);

// 1 MiB, some 30,000 suppressions: far past any real file, and small enough to read at once.
inline constexpr std::size_t kMaxSuppressionsBytes = std::size_t{1} << 20;

// The same check on the file's text; problems name lines as "<name>:<line>".
Result<void> check_suppressions(std::string_view text, const std::string& name);

// The TSAN_OPTIONS the TSan runner gets: `inherited` (the environment's, which overrides the
// runner's built-in defaults) with suppressions=<absolute path of file> added. An Error when the
// path cannot be quoted for TSan's flag parser (it holds both ' and ").
Result<std::string> tsan_options_with_suppressions(std::string_view inherited,
                                                   const std::string& file);

}  // namespace lockstress
