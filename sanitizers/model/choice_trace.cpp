#include "sanitizers/model/choice_trace.hpp"

#include <charconv>

namespace lockstress::model {
namespace {

constexpr std::string_view kDigits = "0123456789abcdefghijklmnopqrstuv";

void append_choice(std::string& out, std::uint32_t choice) {
  if (choice < kDigits.size()) {
    out += kDigits[choice];
  } else {
    out += "{" + std::to_string(choice) + "}";
  }
}

}  // namespace

std::string encode_choices(const std::vector<std::uint32_t>& choices) {
  std::string out;
  for (std::size_t i = 0; i < choices.size();) {
    std::size_t run = 1;
    while (i + run < choices.size() && choices[i + run] == choices[i]) ++run;
    if (run >= 4) {
      append_choice(out, choices[i]);
      out += "*" + std::to_string(run) + ".";
    } else {
      for (std::size_t j = 0; j < run; ++j) append_choice(out, choices[i]);
    }
    i += run;
  }
  return out;
}

std::optional<std::vector<std::uint32_t>> decode_choices(std::string_view text) {
  std::vector<std::uint32_t> choices;
  auto number_until = [&](std::size_t& pos, char end, std::uint32_t& out) {
    std::size_t close = text.find(end, pos);
    if (close == std::string_view::npos || close == pos) return false;
    auto [ptr, error] = std::from_chars(text.data() + pos, text.data() + close, out);
    if (error != std::errc() || ptr != text.data() + close) return false;
    pos = close + 1;
    return true;
  };
  for (std::size_t pos = 0; pos < text.size();) {
    std::uint32_t choice = 0;
    if (text[pos] == '{') {
      ++pos;
      if (!number_until(pos, '}', choice)) return std::nullopt;
    } else {
      std::size_t digit = kDigits.find(text[pos]);
      if (digit == std::string_view::npos) return std::nullopt;
      choice = static_cast<std::uint32_t>(digit);
      ++pos;
    }
    std::uint32_t run = 1;
    if (pos < text.size() && text[pos] == '*') {
      ++pos;
      if (!number_until(pos, '.', run) || run < 1 || run > 100'000'000) return std::nullopt;
    }
    choices.insert(choices.end(), run, choice);
  }
  return choices;
}

}  // namespace lockstress::model
