#pragma once

#include <string_view>
#include <vector>

#include "cases/unsafe_counter.hpp"
#include "lockstress/case.hpp"

namespace lockstress {

// The case named `name` among a program's cases (the driver's --case, the runner's), or nullptr.
inline const Case* find_case(const std::vector<Case>& cases, std::string_view name) {
  for (const Case& c : cases) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

// `cases` with the positive control first, added when the program did not list it itself.
inline std::vector<Case> with_control(std::vector<Case> cases) {
  if (find_case(cases, kControlCase) == nullptr) {
    cases.insert(cases.begin(), unsafe_counter_case());
  }
  return cases;
}

}  // namespace lockstress
