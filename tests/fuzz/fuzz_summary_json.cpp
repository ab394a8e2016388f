// libFuzzer target: a summary JSON file, as merge and compare read it. Whatever the reader
// accepts must be written back and read again to the same document: the reader may refuse
// anything, but never accept what the writer would not produce again.

#include <cstdint>
#include <sstream>
#include <string_view>

#include "harness/ingest/summary_json.hpp"
#include "harness/reporters/reporters.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lockstress;
  const Result<Summary> summary =
      read_summary_json(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!summary) {
    if (summary.error().message.empty()) __builtin_trap();
    return 0;
  }
  std::ostringstream written;
  write_json(*summary, written);
  const Result<Summary> again = read_summary_json(written.str());
  if (!again) __builtin_trap();
  std::ostringstream rewritten;
  write_json(*again, rewritten);
  if (rewritten.str() != written.str()) __builtin_trap();
  return 0;
}
