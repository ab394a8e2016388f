#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace lockstress {

// A record's space-separated "key=value" fields, split once, then looked up by key: the first
// item with that key counts, and an item without '=' is no field. The driver reads one trial
// record per trial, its busiest loop: scanning the text again for each of its eight keys cost
// about 2,700 instructions a trial (bench/README.md, "A trial's cost").
class FieldIndex {
 public:
  explicit FieldIndex(std::string_view fields) {
    for (std::string_view rest = fields; !rest.empty();) {
      const std::size_t end = rest.find(' ');
      const std::string_view item = rest.substr(0, end);
      if (const std::size_t equals = item.find('='); equals != std::string_view::npos) {
        add(item, equals);
      }
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
  }

  // Keys asked for in the order they stand are found at the first look.
  std::optional<std::string_view> operator()(std::string_view key) {
    if (next_ < size_ && same(keys_[next_], key)) return values_[next_++];
    for (std::size_t i = 0; i < size_; ++i) {
      if (same(keys_[i], key)) {
        next_ = i + 1;
        return values_[i];
      }
    }
    return std::nullopt;
  }

 private:
  // More than twice the keys any runner writes (a model trial's record: 13). A record with more
  // is no runner's, and the keys past these are not found: it reads as malformed.
  static constexpr std::size_t kCapacity = 32;

  // Keys are a few bytes: compared in line, not by a call to memcmp (a third of the lookup).
  static bool same(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

  // A key already held is skipped: the first item with it counts.
  void add(std::string_view item, std::size_t equals) {
    const std::string_view key = item.substr(0, equals);
    for (std::size_t i = 0; i < size_; ++i) {
      if (same(keys_[i], key)) return;
    }
    if (size_ == kCapacity) return;
    keys_[size_] = key;
    values_[size_] = item.substr(equals + 1);
    ++size_;
  }

  std::array<std::string_view, kCapacity> keys_;
  std::array<std::string_view, kCapacity> values_;
  std::size_t size_ = 0;
  std::size_t next_ = 0;  // the item after the last one found
};

}  // namespace lockstress
