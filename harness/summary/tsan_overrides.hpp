#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lockstress {

// A TSAN_OPTIONS setting that changes what lockstress counts: the TSan runner's own options
// (sanitizers/tsan_options.cpp) are what its per-trial attribution rests on, and the
// environment's override them.
struct TsanOverride {
  std::string setting;      // as the user wrote it: "suppress_equal_stacks=1"
  std::string consequence;  // what it does to the counts, in words
};

// The settings of `tsan_options` (TSan's flag syntax: name=value, separated by spaces, commas,
// colons or newlines; a value may be quoted) that change the attribution, the last of each name
// winning as it does in TSan. Other settings are the user's business and are not listed.
std::vector<TsanOverride> attribution_overrides(std::string_view tsan_options);

}  // namespace lockstress
