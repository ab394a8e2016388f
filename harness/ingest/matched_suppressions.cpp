#include "harness/ingest/matched_suppressions.hpp"

#include <charconv>

namespace lockstress {
namespace {

constexpr std::string_view kHeader = "ThreadSanitizer: Matched ";

std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? INT64_MAX : sum;
}

}  // namespace

bool MatchedSuppressionsReader::feed(std::string_view line) {
  if (line.rfind(kHeader, 0) == 0 && line.find(" suppressions (pid=") != std::string_view::npos) {
    in_block_ = true;
    return true;
  }
  if (!in_block_) return false;
  // "<count> <type>:<pattern>"; anything else ends the block.
  std::int64_t count = 0;
  const auto [end, error] = std::from_chars(line.data(), line.data() + line.size(), count);
  const std::size_t space = static_cast<std::size_t>(end - line.data());
  const std::size_t colon = line.find(':', space);
  if (error != std::errc{} || count < 0 || space >= line.size() || line[space] != ' ' ||
      colon == std::string_view::npos) {
    in_block_ = false;
    return false;
  }
  add_matches(matches_, {SuppressionMatch{std::string(line.substr(space + 1, colon - space - 1)),
                                          std::string(line.substr(colon + 1, 1024)), count}});
  return true;
}

void add_matches(std::vector<SuppressionMatch>& into, const std::vector<SuppressionMatch>& from) {
  for (const SuppressionMatch& match : from) {
    bool found = false;
    for (SuppressionMatch& known : into) {
      if (known.type == match.type && known.pattern == match.pattern) {
        known.reports = saturating_add(known.reports, match.reports);
        found = true;
        break;
      }
    }
    if (!found) into.push_back(match);
  }
}

std::int64_t suppressed_reports(const std::vector<SuppressionMatch>& matches) {
  std::int64_t total = 0;
  for (const SuppressionMatch& match : matches) total = saturating_add(total, match.reports);
  return total;
}

}  // namespace lockstress
