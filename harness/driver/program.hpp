#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cases/with_control.hpp"
#include "harness/protocol/variant.hpp"
#include "lockstress/case.hpp"

namespace lockstress {

// What one lockstress program can run: its cases, the control first (with_control), and the
// variants its runners were built in (program_build.hpp), in the order the summary shows them.
struct Program {
  std::vector<Case> cases;
  std::vector<Variant> variants;

  const Case* find_case(std::string_view name) const { return lockstress::find_case(cases, name); }
  const Variant* find_variant(std::string_view name) const {
    for (const Variant& v : variants) {
      if (v.name == name) return &v;
    }
    return nullptr;
  }
  // "plain or tsan", "plain, plain-O3 or tsan": for messages.
  std::string variant_names() const {
    std::string out;
    for (std::size_t i = 0; i < variants.size(); ++i) {
      out += (i == 0 ? "" : i + 1 == variants.size() ? " or " : ", ") + variants[i].name;
    }
    return out;
  }
};

}  // namespace lockstress
