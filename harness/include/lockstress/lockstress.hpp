#pragma once

// The public entry point: a program that lists its cases and hands them to lockstress::main
// becomes a full lockstress (the same CLI, both variants, the same summary and outputs).
// lockstress_add_runner() builds the program once per kind: the driver, and one runner per
// variant. lockstress::main has one definition per kind, and each target links the one of its
// kind: lockstress::driver's (harness/driver/driver_main.cpp) or its variant's runtime's
// (harness/runtime/runner_main.cpp). HACKING.md, "Entry points", says why and how the driver
// finds its runners.

#include <vector>

#include "lockstress/c_lock.hpp"
#include "lockstress/case.hpp"
#include "lockstress/counter_workload.hpp"
#include "lockstress/expect.hpp"
#include "lockstress/lock_case.hpp"
#include "lockstress/lock_instance.hpp"
#include "lockstress/lock_operations.hpp"
#include "lockstress/shared_lock_case.hpp"
#include "lockstress/shared_lock_workload.hpp"
#include "lockstress/trial_slot.hpp"
#include "lockstress/try_lock_case.hpp"
#include "lockstress/unlocked_increment.hpp"
#include "lockstress/workload.hpp"

namespace lockstress {

// The positive control (unsafe_counter) is added when `cases` lacks it, so that the gate applies.
int main(int argc, char** argv, std::vector<Case> cases);

}  // namespace lockstress
