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

// One access or acquisition stack of a report: the line that opens it ("Write of size 8 at 0x...
// by thread T1") and its frames, innermost first, as printed.
struct ReportStack {
  std::string title;
  std::vector<SourceLocation> frames;
};

// The access and acquisition stacks of a report's text (thread-creation, allocation and
// mutex-creation stacks left out), in the order printed. Frames under one of `source_roots` are
// made relative to it.
std::vector<ReportStack> access_stacks(std::string_view block,
                                       const std::vector<std::string>& source_roots);

// Frames that never name the finding: the sanitizer's interceptors, the C and C++ libraries and
// system headers, and lockstress's own unlocked_increment().
bool is_library_frame(const SourceLocation& frame);

// "data race at cases/unsafe_counter.cpp:17 in f()", or the kind alone for a report that names no
// location ("thread leak"): how a report is named, and the key reports are deduplicated by.
std::string signature(std::string_view kind, const std::vector<SourceLocation>& locations);
std::string signature(const SanitizerReport& report);

// "cases/unsafe_counter.cpp:17 in f() / cases/x.cpp:9 in g()"
std::string describe_locations(const std::vector<SourceLocation>& locations);

}  // namespace lockstress
