#pragma once

#include <cstdint>

#include "harness/protocol/perturb.hpp"
#include "lockstress/perturbation.hpp"

namespace lockstress {

// Worker `worker`'s perturbation in the trial whose seed is `trial_seed` (see Perturb for what
// each mode does). A pure function: the same trial and worker always get the same draws.
Perturbation plan_perturbation(Perturb mode, std::uint64_t trial_seed, int worker);

// Busy-waits `ns` nanoseconds (on the steady clock): a delay that keeps its CPU.
void spin_for_ns(std::int64_t ns);

}  // namespace lockstress
