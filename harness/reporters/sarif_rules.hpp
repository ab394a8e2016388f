#pragma once

#include <string>

namespace lockstress {

// What code scanning shows for one kind of sanitizer report: a sentence, and Markdown help saying
// what the kind means and what to do about it. Kinds TSan prints that are not listed get a
// general text naming the kind.
struct RuleText {
  std::string short_description;
  std::string full_description;
  std::string help_markdown;
};

RuleText rule_text(const std::string& kind);

// "data race" -> "tsan/data-race": a stable rule id per kind of report.
std::string rule_id(const std::string& kind);

}  // namespace lockstress
