// libFuzzer target: the text of one sanitizer report, as the driver parses and keys it.

#include <cstdint>
#include <string_view>

#include "harness/ingest/tsan_report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lockstress;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (std::optional<SanitizerReport> report = parse_tsan_report(text, "/src/")) {
    if (report->kind.empty()) __builtin_trap();
    (void)signature(*report);
    (void)describe_locations(report->locations);
  }
  return 0;
}
