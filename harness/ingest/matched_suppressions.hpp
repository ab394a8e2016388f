#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lockstress {

// One suppression that matched reports, as TSan counts it at exit (print_suppressions): its type
// ("race", "deadlock", ...), its pattern, and how many reports it suppressed.
struct SuppressionMatch {
  std::string type;
  std::string pattern;
  std::int64_t reports = 0;
};

// Reads the block TSan prints at exit when suppressions matched:
//   ThreadSanitizer: Matched 12 suppressions (pid=4242):
//   12 race:UnguardedIncrement
// one line at a time, from a runner's output outside report blocks.
class MatchedSuppressionsReader {
 public:
  // Whether the line belonged to the block (then it is not the runner's other output).
  bool feed(std::string_view line);
  // In the order TSan listed them; one entry per suppression.
  const std::vector<SuppressionMatch>& matches() const { return matches_; }

 private:
  bool in_block_ = false;
  std::vector<SuppressionMatch> matches_;
};

// Adds `from` into `into`, one entry per (type, pattern), counts summed (saturating).
void add_matches(std::vector<SuppressionMatch>& into, const std::vector<SuppressionMatch>& from);

// The reports all of them suppressed (saturating).
std::int64_t suppressed_reports(const std::vector<SuppressionMatch>& matches);

}  // namespace lockstress
