#include "sanitizers/model/trace.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace lockstress::model {

std::string_view to_string(Op op) {
  switch (op) {
    case Op::load:
      return "load";
    case Op::store:
      return "store";
    case Op::rmw:
      return "rmw";
    case Op::cas_fail:
      return "cas-fail";
    case Op::fence:
      return "fence";
    case Op::plain_read:
      return "read";
    case Op::plain_write:
      return "write";
    case Op::call:
      return "call";
    case Op::block:
      return "blocks";
    case Op::spawn:
      return "spawn";
    case Op::finish:
      return "finish";
  }
  return "?";
}

void TraceHash::add_word(std::uint64_t word) {
  for (int i = 0; i < 8; ++i) {
    hash_ ^= (word >> (8 * i)) & 0xff;
    hash_ *= 0x100000001b3ULL;
  }
}

void TraceHash::add(const Event& event) {
  add_word(static_cast<std::uint64_t>(event.thread) | (static_cast<std::uint64_t>(event.op) << 16) |
           (static_cast<std::uint64_t>(event.order) << 24) |
           (static_cast<std::uint64_t>(event.size) << 32));
  add_word(static_cast<std::uint64_t>(static_cast<std::int64_t>(event.location)));
  add_word(static_cast<std::uint64_t>(static_cast<std::int64_t>(event.read_from)));
}

std::string hex(std::uint64_t value) {
  char buffer[19];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

namespace {

std::string_view order_name(std::uint8_t order) {
  static constexpr std::string_view kNames[] = {"relaxed", "consume", "acquire",
                                                "release", "acq_rel", "seq_cst"};
  return order < 6 ? kNames[order] : "?";
}

std::string value_text(unsigned __int128 value) {
  if (value >> 64)
    return "0x" + hex(static_cast<std::uint64_t>(value >> 64)) +
           hex(static_cast<std::uint64_t>(value));
  const auto low = static_cast<std::uint64_t>(value);
  if (low > 0xffffffffULL) return "0x" + hex(low);
  return std::to_string(low);
}

using Row = std::array<std::string, 6>;

// Each column as wide as its widest cell, two spaces apart: a location or value may be a full
// 64-bit address.
std::string render(const std::vector<Row>& rows) {
  std::array<std::size_t, 6> width{};
  for (const Row& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::string out;
  for (const Row& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      out += row[c];
      if (c + 1 < row.size()) out.append(width[c] - row[c].size() + 2, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  }
  return out;
}

}  // namespace

std::string counterexample_table(const std::vector<Event>& events,
                                 const std::vector<std::string>& names) {
  std::vector<Row> rows{{"step", "thread", "operation", "location", "value", "read from"}};
  rows.reserve(events.size() + 1);
  for (const Event& e : events) {
    std::string operation(to_string(e.op));
    if (e.op == Op::call || e.op == Op::block) {
      operation += std::string(" ") + (e.call ? e.call : "?");
    } else if (e.op == Op::load || e.op == Op::store || e.op == Op::rmw || e.op == Op::cas_fail ||
               e.op == Op::fence) {
      operation += std::string(" ") + std::string(order_name(e.order));
    }
    std::string location;
    if (e.location >= 0) {
      location = static_cast<std::size_t>(e.location) < names.size() && !names[e.location].empty()
                     ? names[e.location]
                     : "#" + std::to_string(e.location);
      if (e.size != 0) location += " (" + std::to_string(e.size) + ")";
    }
    std::string value;
    if (e.op == Op::load || e.op == Op::store || e.op == Op::rmw || e.op == Op::cas_fail ||
        e.op == Op::plain_read || e.op == Op::plain_write) {
      value = e.value_known ? value_text(e.value) : "?";
    }
    std::string from;
    if (e.read_from >= 0) {
      from = e.read_from_thread < 0 ? "initial value"
                                    : "store #" + std::to_string(e.read_from) + " (T" +
                                          std::to_string(e.read_from_thread) + ", step " +
                                          std::to_string(e.read_from_step) + ")";
      if (e.stale) from += ", not the latest";
    }
    rows.push_back({std::to_string(e.step), "T" + std::to_string(e.thread), std::move(operation),
                    std::move(location), std::move(value), std::move(from)});
  }
  return render(rows);
}

}  // namespace lockstress::model
