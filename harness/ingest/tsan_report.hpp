#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lockstress {

struct SourceLocation {
  std::string function;
  std::string file;  // relative to the source root when it lies below it
  int line = 0;
  int column = 0;
};

// One report as TSan printed it, reduced to what identifies it: its kind ("data race",
// "lock-order-inversion", ...) and, for each access or acquisition it names, the first frame in
// the program's own code. Reports with the same kind and frames are the same finding.
struct SanitizerReport {
  std::string kind;
  std::vector<SourceLocation> locations;  // sorted, without repeats
  std::string text;                       // the block as printed, delimiters excluded
};

// Parses the text between two "==================" lines. Frames under `source_root` are made
// relative to it. Returns nullopt when the block has no "WARNING: ThreadSanitizer:" line.
std::optional<SanitizerReport> parse_tsan_report(std::string_view block,
                                                 std::string_view source_root);

// "data race at cases/unsafe_counter.cpp:17 in f()": the key reports are deduplicated by.
std::string signature(const SanitizerReport& report);

// "cases/unsafe_counter.cpp:17 in f() / cases/x.cpp:9 in g()"
std::string describe_locations(const std::vector<SourceLocation>& locations);

}  // namespace lockstress
