#pragma once

#include <string>
#include <string_view>

namespace lockstress {

// What /proc/cpuinfo says the CPU is. x86 names its model ("model name"); arm64 names only the
// fields of each core's MIDR register ("CPU implementer", "CPU part", "CPU variant", "CPU
// revision"), which this turns into the core's name: implementer 0x41, part 0xd49 is an Arm
// Neoverse N2. Cores of different kinds (big.LITTLE) are listed with their counts. "unknown" when
// the text says nothing it knows.
std::string cpu_model_from_cpuinfo(std::string_view cpuinfo);

// The architecture /proc/cpuinfo describes: "x86_64" for an x86 CPU that has long mode, "x86" one
// without, "aarch64" for a CPU with MIDR fields, "" when it cannot tell.
std::string cpuinfo_arch(std::string_view cpuinfo);

// The architecture this program was compiled for: "x86_64", "aarch64", "riscv64", ...
std::string_view binary_arch();

// "" when the program runs on the CPU it was built for; else how it is emulated, naming both
// architectures, and what follows for the memory model (every header prefixes "Emulated").
// `kernel_arch` is uname -m, which qemu-user reports as the emulated architecture.
std::string emulation_note(std::string_view binary, std::string_view kernel_arch,
                           std::string_view cpu_arch);

}  // namespace lockstress
