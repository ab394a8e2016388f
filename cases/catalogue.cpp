#include "cases/catalogue.hpp"

namespace lockstress {

std::vector<Case> builtin_cases() {
  std::vector<Case> cases;
  cases.push_back(unsafe_counter_case());
  cases.push_back(locked_counter_case());
  return cases;
}

}  // namespace lockstress
