#include "harness/runtime/placement.hpp"

#include <pthread.h>
#include <sched.h>

#include <algorithm>

#include "harness/base/cpu_topology.hpp"

namespace lockstress {

std::vector<int> allowed_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  std::vector<int> cpus;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return cpus;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (CPU_ISSET(cpu, &set)) cpus.push_back(cpu);
  }
  return cpus;
}

std::vector<int> order_cpus(Pin pin, const std::vector<int>& allowed,
                            const std::vector<std::optional<std::vector<int>>>& siblings) {
  // Group the allowed CPUs by core: a core is known by the CPUs its first allowed CPU lists.
  std::vector<std::vector<int>> cores;
  std::vector<const std::vector<int>*> core_siblings;
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    const std::vector<int>* group = i < siblings.size() && siblings[i] ? &*siblings[i] : nullptr;
    auto same_core = [&](const std::vector<int>* other) {
      return group && other && std::find(other->begin(), other->end(), allowed[i]) != other->end();
    };
    auto core = std::find_if(core_siblings.begin(), core_siblings.end(), same_core);
    if (core == core_siblings.end()) {
      cores.push_back({allowed[i]});
      core_siblings.push_back(group);
    } else {
      cores[static_cast<std::size_t>(core - core_siblings.begin())].push_back(allowed[i]);
    }
  }
  std::vector<int> order;
  if (pin == Pin::compact) {
    for (const std::vector<int>& core : cores) order.insert(order.end(), core.begin(), core.end());
    return order;
  }
  // spread: the first CPU of every core, then the second of every core that has one, ...
  for (std::size_t round = 0; order.size() < allowed.size(); ++round) {
    for (const std::vector<int>& core : cores) {
      if (round < core.size()) order.push_back(core[round]);
    }
  }
  return order;
}

std::vector<int> plan_placement(Pin pin, int workers, const std::vector<int>& allowed,
                                const std::vector<std::optional<std::vector<int>>>& siblings) {
  std::vector<int> cpus(static_cast<std::size_t>(workers), -1);
  if (pin == Pin::none || allowed.empty()) return cpus;
  const std::vector<int> order = order_cpus(pin, allowed, siblings);
  for (int worker = 0; worker < workers; ++worker) {
    cpus[static_cast<std::size_t>(worker)] = order[static_cast<std::size_t>(worker) % order.size()];
  }
  return cpus;
}

std::vector<int> plan_placement(Pin pin, int workers, const std::vector<int>& allowed) {
  if (pin == Pin::none) return plan_placement(pin, workers, allowed, {});
  return plan_placement(pin, workers, allowed, smt_siblings(allowed));
}

bool pin_current_thread(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0;
}

}  // namespace lockstress
