#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/base/result.hpp"

namespace lockstress::summary_json {

using nlohmann::json;

inline constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

// One JSON value and where it sits in the document ("results[2].sanitizer"), for error messages.
class Node {
 public:
  Node(const json& value, std::string path) : value_(value), path_(std::move(path)) {}

  Node at(const char* key) const {
    if (!value_.is_object()) fail("expected an object");
    auto it = value_.find(key);
    if (it == value_.end()) throw Error{child_path(key) + ": missing"};
    return Node(*it, child_path(key));
  }
  bool has(const char* key) const { return value_.is_object() && value_.contains(key); }

  std::vector<Node> items() const {
    if (!value_.is_array()) fail("expected an array");
    std::vector<Node> out;
    for (std::size_t i = 0; i < value_.size(); ++i) {
      out.emplace_back(value_[i], path_ + "[" + std::to_string(i) + "]");
    }
    return out;
  }

  std::string text() const {
    if (!value_.is_string()) fail("expected a string");
    return value_.get<std::string>();
  }
  bool boolean() const {
    if (!value_.is_boolean()) fail("expected true or false");
    return value_.get<bool>();
  }
  std::int64_t integer(std::int64_t min = 0, std::int64_t max = kMax) const {
    if (!value_.is_number_integer()) fail("expected a whole number");
    if (value_.is_number_unsigned() && value_.get<std::uint64_t>() > std::uint64_t(kMax)) {
      fail("out of range");
    }
    const std::int64_t v = value_.get<std::int64_t>();
    if (v < min || v > max) {
      fail(std::to_string(v) + " is out of range (" + std::to_string(min) + " to " +
           std::to_string(max) + ")");
    }
    return v;
  }
  std::uint64_t unsigned_integer() const {
    if (!value_.is_number_unsigned() &&
        !(value_.is_number_integer() && value_.get<std::int64_t>() >= 0)) {
      fail("expected a non-negative whole number");
    }
    return value_.get<std::uint64_t>();
  }
  double number() const {
    if (!value_.is_number()) fail("expected a number");
    return value_.get<double>();
  }
  const json& raw() const { return value_; }
  const std::string& path() const { return path_; }
  [[noreturn]] void fail(const std::string& problem) const { throw Error{path_ + ": " + problem}; }

 private:
  std::string child_path(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  const json& value_;
  std::string path_;
};

}  // namespace lockstress::summary_json
