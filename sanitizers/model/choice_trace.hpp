#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lockstress::model {

// Every choice a schedule made where it had more than one option (which thread runs, which store
// a load reads, which waiter a wake-up wakes), in order. Replaying them reproduces the schedule
// without the strategy or its seed: a replay survives a change of strategy code, and as long as
// the program makes the same switch points, a rebuild.
//
// Text form: one character per choice ('0'-'9', 'a'-'v' for 0-31; "{N}" above), a run of four or
// more of one choice as "c*N." (PCT runs one thread for long stretches).
std::string encode_choices(const std::vector<std::uint32_t>& choices);
std::optional<std::vector<std::uint32_t>> decode_choices(std::string_view text);

}  // namespace lockstress::model
