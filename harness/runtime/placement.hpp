#pragma once

#include <vector>

#include "harness/pin.hpp"

namespace lockstress {

// The CPUs this process may run on (its affinity mask, which containers and taskset narrow).
std::vector<int> allowed_cpus();

// The CPU each of `workers` workers should run on; -1 where it is not pinned.
std::vector<int> plan_placement(Pin pin, int workers, const std::vector<int>& allowed);

// Pins the calling thread to `cpu`; returns false (and changes nothing) where the OS refuses.
bool pin_current_thread(int cpu);

}  // namespace lockstress
