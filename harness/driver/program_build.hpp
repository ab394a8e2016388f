#pragma once

#include <string>
#include <vector>

#include "harness/base/result.hpp"
#include "harness/protocol/variant.hpp"

namespace lockstress {

// How this program and its runners were built, as lockstress_add_runner() wrote it at configure
// time into a generated source of the driver (see _lockstress_record_build in
// harness/cmake/LockstressRunner.cmake): the compiler, and each variant's name, kind of detector,
// flags and runtime, in the order VARIANTS listed them.
struct ProgramBuild {
  std::string compiler;  // empty: not recorded
  std::vector<VariantBuild> variants;
};

// A program not built by lockstress_add_runner() (a test) has the built-in variants, unrecorded.
// An Error when the recorded build names a kind of detector this lockstress does not know.
Result<ProgramBuild> program_build();

std::vector<Variant> variants_of(const ProgramBuild& build);

}  // namespace lockstress
