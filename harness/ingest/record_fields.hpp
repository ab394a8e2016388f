#pragma once

#include <charconv>
#include <string_view>
#include <vector>

namespace lockstress::record_fields {

// The values of a runner's record fields (harness/protocol/protocol.hpp; the fields are found by
// FieldIndex): whole numbers, or comma-separated lists of them. Each reader refuses what the
// runner could not have written, and never reads past its text.

// A whole decimal number, all of `text`.
template <class Int>
bool parse_int(std::string_view text, Int& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && !text.empty();
}

// "3,-1,0" -> {3, -1, 0}: whole numbers no smaller than `min`, comma-separated; "" -> {}.
template <class Int>
bool parse_list(std::string_view text, std::vector<Int>& out, Int min) {
  out.clear();
  std::size_t pos = 0;
  while (pos <= text.size() && !text.empty()) {
    std::size_t comma = text.find(',', pos);
    if (comma == std::string_view::npos) comma = text.size();
    Int value = 0;
    if (!parse_int(text.substr(pos, comma - pos), value) || value < min) return false;
    out.push_back(value);
    pos = comma + 1;
  }
  return true;
}

}  // namespace lockstress::record_fields
