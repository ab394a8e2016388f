#pragma once

#include <optional>
#include <vector>

#include "harness/protocol/pin.hpp"

namespace lockstress {

// The CPUs this process may run on (its affinity mask, which containers and taskset narrow).
std::vector<int> allowed_cpus();

// The order in which workers take `allowed` CPUs under `pin` (see harness/pin.hpp), given each
// allowed CPU's SMT siblings (nullopt where unknown: such a CPU counts as a core of its own).
// Cores are taken in the order of their first allowed CPU.
std::vector<int> order_cpus(Pin pin, const std::vector<int>& allowed,
                            const std::vector<std::optional<std::vector<int>>>& siblings);

// The CPU each of `workers` workers should run on (wrapping around the ordered CPUs); -1 where it
// is not pinned. The first form reads the SMT topology from /sys.
std::vector<int> plan_placement(Pin pin, int workers, const std::vector<int>& allowed);
std::vector<int> plan_placement(Pin pin, int workers, const std::vector<int>& allowed,
                                const std::vector<std::optional<std::vector<int>>>& siblings);

// Pins the calling thread to `cpu`; returns false (and changes nothing) where the OS refuses.
bool pin_current_thread(int cpu);

}  // namespace lockstress
