#include "harness/summary/tsan_overrides.hpp"

#include <algorithm>
#include <optional>
#include <utility>

namespace lockstress {
namespace {

struct Setting {
  std::string name;
  std::string value;
};

// The separators of compiler-rt's FlagParser (sanitizer_flag_parser.cpp).
bool separator(char c) {
  return c == ' ' || c == ',' || c == ':' || c == '\n' || c == '\t' || c == '\r';
}

// name=value pairs in order; text TSan itself would refuse ends the list (the runner then fails
// to start and says why, which the driver reports).
std::vector<Setting> parse(std::string_view text) {
  std::vector<Setting> settings;
  std::size_t i = 0;
  while (true) {
    while (i < text.size() && separator(text[i])) ++i;
    if (i == text.size()) return settings;
    const std::size_t name_start = i;
    while (i < text.size() && text[i] != '=' && !separator(text[i])) ++i;
    if (i == text.size() || text[i] != '=') return settings;
    Setting setting{std::string(text.substr(name_start, i - name_start)), ""};
    ++i;
    if (i < text.size() && (text[i] == '\'' || text[i] == '"')) {
      const char quote = text[i++];
      const std::size_t end = text.find(quote, i);
      if (end == std::string_view::npos) return settings;
      setting.value = std::string(text.substr(i, end - i));
      i = end + 1;
    } else {
      const std::size_t value_start = i;
      while (i < text.size() && !separator(text[i])) ++i;
      setting.value = std::string(text.substr(value_start, i - value_start));
    }
    settings.push_back(std::move(setting));
  }
}

// TSan's booleans: 0/no/false and 1/yes/true; anything else it refuses.
std::optional<bool> boolean(const std::string& value) {
  if (value == "1" || value == "yes" || value == "true") return true;
  if (value == "0" || value == "no" || value == "false") return false;
  return std::nullopt;
}

// The consequence of one setting, or "" when it leaves the attribution as it is.
std::string consequence(const Setting& s) {
  const std::optional<bool> on = boolean(s.value);
  if (s.name == "suppress_equal_stacks" && on == true) {
    return "TSan reports a race between two stacks only once per process, so after a race's "
           "first trial its trials go uncounted: the TSan trial counts undercount";
  }
  if (s.name == "halt_on_error" && on == true) {
    return "the runner exits at its first report, so every TSan cell with a race ends as an "
           "error at its first racy trial";
  }
  if (s.name == "detect_deadlocks" && on == false) {
    return "lock-order inversions are not reported: a deadlock-prone case cannot fail in TSan";
  }
  if (s.name == "report_bugs" && on == false) {
    return "TSan prints no report at all: no TSan cell can see a race";
  }
  if (s.name == "log_path" && s.value != "stderr") {
    return "reports go to a file instead of the runner's stderr, where lockstress reads them: "
           "no TSan cell can see a race";
  }
  if (s.name == "stack_trace_format") {
    return "frames come in another format, so reports may be attributed to no source location";
  }
  if (s.name == "exitcode") {
    return "a runner that reported a race exits with another status than TSan's usual 66, which "
           "lockstress takes for a runner fault unless it is 0";
  }
  if (s.name == "include" || s.name == "include_if_exists") {
    return "more settings are read from " + s.value + ", which lockstress does not check";
  }
  return "";
}

}  // namespace

std::vector<TsanOverride> attribution_overrides(std::string_view tsan_options) {
  std::vector<Setting> settings = parse(tsan_options);
  std::vector<TsanOverride> overrides;
  for (std::size_t i = 0; i < settings.size(); ++i) {
    const Setting& s = settings[i];
    const bool overridden_later = std::any_of(settings.begin() + i + 1, settings.end(),
                                              [&](const Setting& t) { return t.name == s.name; });
    if (overridden_later && s.name != "include" && s.name != "include_if_exists") continue;
    if (std::string words = consequence(s); !words.empty()) {
      overrides.push_back({s.name + "=" + s.value, std::move(words)});
    }
  }
  return overrides;
}

}  // namespace lockstress
