#pragma once

#include <algorithm>
#include <vector>

#include "cases/unsafe_counter.hpp"
#include "lockstress/case.hpp"

namespace lockstress {

// `cases` with the positive control first, added when the program did not list it itself.
inline std::vector<Case> with_control(std::vector<Case> cases) {
  bool has_control =
      std::any_of(cases.begin(), cases.end(), [](const Case& c) { return c.name == kControlCase; });
  if (!has_control) cases.insert(cases.begin(), unsafe_counter_case());
  return cases;
}

}  // namespace lockstress
