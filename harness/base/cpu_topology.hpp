#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace lockstress {

// "0-3,8,10-11" (the kernel's CPU list format) -> {0, 1, 2, 3, 8, 10, 11}; nullopt if malformed.
std::optional<std::vector<int>> parse_cpu_list(std::string_view text);

// For each of `cpus`, the CPUs sharing its physical core (its SMT siblings, itself included), from
// /sys/devices/system/cpu/cpuN/topology/thread_siblings_list; nullopt where Linux does not say
// (no sysfs, a container hiding it).
std::vector<std::optional<std::vector<int>>> smt_siblings(const std::vector<int>& cpus);

// Hardware threads per core: the largest sibling group among `cpus`; 0 when unknown.
int threads_per_core(const std::vector<int>& cpus);

}  // namespace lockstress
