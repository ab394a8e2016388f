#include "harness/runtime/placement.hpp"

#include <pthread.h>
#include <sched.h>

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

std::vector<int> plan_placement(Pin pin, int workers, const std::vector<int>& allowed) {
  std::vector<int> cpus(static_cast<std::size_t>(workers), -1);
  if (pin == Pin::none || allowed.empty()) return cpus;
  for (int worker = 0; worker < workers; ++worker) {
    cpus[static_cast<std::size_t>(worker)] = allowed[static_cast<std::size_t>(worker) % allowed.size()];
  }
  return cpus;
}

bool pin_current_thread(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0;
}

}  // namespace lockstress
