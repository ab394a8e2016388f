#pragma once

#include <optional>
#include <string>

#include "harness/base/result.hpp"

namespace lockstress::testing {

// What a test compares a Result with: its Error's message, or "ok" when it holds a value.
template <class T>
std::string message_of(const Result<T>& result) {
  return result ? "ok" : result.error().message;
}

// Its value, or nullopt for an Error.
template <class T>
std::optional<T> value_of(const Result<T>& result) {
  if (!result) return std::nullopt;
  return *result;
}

}  // namespace lockstress::testing
