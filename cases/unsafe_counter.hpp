#pragma once

#include "lockstress/case.hpp"

namespace lockstress {

// Built into the driver and into every variant's runtime, so every runner has the control.
Case unsafe_counter_case();

}  // namespace lockstress
