#include "harness/base/cpu_topology.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <string>

namespace lockstress {
namespace {

bool parse_int(std::string_view text, int& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && !text.empty() && out >= 0;
}

}  // namespace

std::optional<std::vector<int>> parse_cpu_list(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  std::vector<int> cpus;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(start, comma - start);
    std::size_t dash = item.find('-');
    int first = 0;
    int last = 0;
    if (dash == std::string_view::npos) {
      if (!parse_int(item, first)) return std::nullopt;
      last = first;
    } else if (!parse_int(item.substr(0, dash), first) || !parse_int(item.substr(dash + 1), last) ||
               last < first || last - first > 1 << 16) {
      return std::nullopt;
    }
    for (int cpu = first; cpu <= last; ++cpu) cpus.push_back(cpu);
    start = comma + 1;
  }
  return cpus;
}

std::vector<std::optional<std::vector<int>>> smt_siblings(const std::vector<int>& cpus) {
  std::vector<std::optional<std::vector<int>>> out;
  for (int cpu : cpus) {
    std::ifstream in("/sys/devices/system/cpu/cpu" + std::to_string(cpu) +
                     "/topology/thread_siblings_list");
    std::string line;
    if (in && std::getline(in, line)) {
      out.push_back(parse_cpu_list(line));
    } else {
      out.emplace_back();
    }
  }
  return out;
}

int threads_per_core(const std::vector<int>& cpus) {
  std::size_t most = 0;
  for (const auto& siblings : smt_siblings(cpus)) {
    if (siblings) most = std::max(most, siblings->size());
  }
  return static_cast<int>(most);
}

}  // namespace lockstress
