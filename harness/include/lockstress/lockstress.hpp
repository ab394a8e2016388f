#pragma once

// The public entry point: a program that lists its cases and hands them to lockstress::main
// becomes a full lockstress (the same CLI, both variants, the same summary and outputs).
// lockstress_add_runner() builds the program three times: the driver, and one runner per variant.

#include <vector>

#include "lockstress/case.hpp"
#include "lockstress/counter_workload.hpp"
#include "lockstress/expect.hpp"
#include "lockstress/lock_case.hpp"
#include "lockstress/unlocked_increment.hpp"
#include "lockstress/workload.hpp"

namespace lockstress {

// The positive control (unsafe_counter) is added when `cases` lacks it, so that the gate applies.
int main(int argc, char** argv, std::vector<Case> cases);

}  // namespace lockstress
