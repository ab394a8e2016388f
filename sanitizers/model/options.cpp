#include "sanitizers/model/options.hpp"

#include <charconv>
#include <vector>

namespace lockstress::model {

std::string_view to_string(Strategy strategy) {
  switch (strategy) {
    case Strategy::pct:
      return "pct";
    case Strategy::random:
      return "random";
  }
  return "?";
}

std::string_view to_string(Memory memory) {
  switch (memory) {
    case Memory::sc:
      return "sc";
    case Memory::c11:
      return "c11";
  }
  return "?";
}

std::optional<Strategy> parse_strategy(std::string_view text) {
  for (Strategy s : {Strategy::pct, Strategy::random}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

std::optional<Memory> parse_memory(std::string_view text) {
  for (Memory m : {Memory::sc, Memory::c11}) {
    if (to_string(m) == text) return m;
  }
  return std::nullopt;
}

std::string replay_key(const Options& options) {
  return std::string(to_string(options.strategy)) + "/" + std::string(to_string(options.memory)) +
         "/d" + std::to_string(options.pct_depth) + "/k" + std::to_string(options.pct_steps) +
         "/s" + std::to_string(options.seed);
}

namespace {

template <class T>
bool parse_number(std::string_view text, T& out) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

}  // namespace

std::optional<Options> parse_replay_key(std::string_view key) {
  std::vector<std::string_view> parts = split(key, '/');
  if (parts.size() != 5) return std::nullopt;
  Options options;
  std::optional<Strategy> strategy = parse_strategy(parts[0]);
  std::optional<Memory> memory = parse_memory(parts[1]);
  if (!strategy || !memory) return std::nullopt;
  options.strategy = *strategy;
  options.memory = *memory;
  if (parts[2].substr(0, 1) != "d" || !parse_number(parts[2].substr(1), options.pct_depth) ||
      options.pct_depth < 1) {
    return std::nullopt;
  }
  if (parts[3].substr(0, 1) != "k" || !parse_number(parts[3].substr(1), options.pct_steps) ||
      options.pct_steps < 1) {
    return std::nullopt;
  }
  if (parts[4].substr(0, 1) != "s" || !parse_number(parts[4].substr(1), options.seed)) {
    return std::nullopt;
  }
  return options;
}

}  // namespace lockstress::model
