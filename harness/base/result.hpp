#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "harness/base/exit_codes.hpp"

namespace lockstress {

// A mistake a user can make, or an input lockstress cannot use, in one line that names it:
// "--threads: 'x' is not a whole number", "a.json: results[2].trials: missing". Whoever reports it
// prints "lockstress: <message>" on stderr and exits with `exit_code`: bad input, unless the
// machine refused what the input asked for (a resource limit: kExitError).
struct Error {
  std::string message;
  int exit_code = kExitUsage;
};

// A value, or the Error that kept it from being made: what every function that checks input
// returns (std::expected's shape; C++20 has none). A parser whose checks nest deeply may throw an
// Error inside itself, and must turn it into a Result before returning (see result_of): no Error
// leaves a public function as an exception.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& operator*() & { return std::get<0>(state_); }
  const T& operator*() const& { return std::get<0>(state_); }
  T&& operator*() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &std::get<0>(state_); }
  const T* operator->() const { return &std::get<0>(state_); }

  T value_or(T fallback) const& { return ok() ? **this : std::move(fallback); }

  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

// Success, or the Error: the result of a check that makes no value.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}

  bool ok() const { return !error_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

// Runs `parse`, which returns a T or throws an Error, and gives its outcome as a Result: the one
// place an Error thrown inside a parser becomes a return value.
template <class Parse>
auto result_of(Parse&& parse) -> Result<decltype(parse())> {
  try {
    if constexpr (std::is_void_v<decltype(parse())>) {
      parse();
      return {};
    } else {
      return parse();
    }
  } catch (Error& error) {
    return std::move(error);
  }
}

}  // namespace lockstress
