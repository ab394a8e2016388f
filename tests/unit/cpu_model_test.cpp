#include "harness/summary/cpu_model.hpp"

#include <gtest/gtest.h>

namespace lockstress {
namespace {

// /proc/cpuinfo as an arm64 kernel prints it: no model name, only each core's MIDR fields.
std::string arm64_cpuinfo(const std::vector<std::string>& parts) {
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    text +=
        "processor\t: " + std::to_string(i) +
        "\nBogoMIPS\t: 2000.00\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics\n"
        "CPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x0\nCPU part\t: " +
        parts[i] + "\nCPU revision\t: 0\n\n";
  }
  return text;
}

constexpr const char* kX86 =
    "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 167\n"
    "model name\t: Intel(R) Xeon(R) Processor\nflags\t\t: fpu vme de pse tsc msr pae lm sse2\n";

TEST(CpuModel, AnArm64CpuIsNamedFromItsMidr) {
  const std::string cobalt = arm64_cpuinfo({"0xd49", "0xd49", "0xd49", "0xd49"});
  EXPECT_EQ(cpu_model_from_cpuinfo(cobalt), "Arm Neoverse N2");
  EXPECT_EQ(cpuinfo_arch(cobalt), "aarch64");
  EXPECT_EQ(cpu_model_from_cpuinfo(arm64_cpuinfo({"0xd05", "0xd05", "0xd0b"})),
            "2x Arm Cortex-A55 + 1x Arm Cortex-A76")
      << "big.LITTLE: each kind of core, counted";
  EXPECT_EQ(cpu_model_from_cpuinfo(arm64_cpuinfo({"0xfff"})), "Arm (implementer 0x41) part 0xfff");
}

TEST(CpuModel, AnX86CpuNamesItself) {
  EXPECT_EQ(cpu_model_from_cpuinfo(kX86), "Intel(R) Xeon(R) Processor");
  EXPECT_EQ(cpuinfo_arch(kX86), "x86_64");
  EXPECT_EQ(cpu_model_from_cpuinfo(""), "unknown");
  EXPECT_EQ(cpuinfo_arch(""), "");
}

// qemu-user reports the emulated machine in uname, and shows the host's /proc/cpuinfo.
TEST(CpuModel, ARunOnAnotherArchitecturesCpuSaysItIsEmulatedAndWhatThatMeans) {
  EXPECT_EQ(emulation_note("x86_64", "x86_64", "x86_64"), "");
  EXPECT_EQ(emulation_note("aarch64", "aarch64", "aarch64"), "");
  EXPECT_EQ(emulation_note("aarch64", "aarch64", ""), "") << "an unknown CPU is not a claim";
  const std::string note = emulation_note("aarch64", "aarch64", "x86_64");
  EXPECT_EQ(note,
            "aarch64 code (uname -m says aarch64) ran on an x86_64 CPU, so its atomics and "
            "memory ordering were the x86_64 CPU's: this run exercised the aarch64 build, not the "
            "aarch64 memory model");
  EXPECT_FALSE(binary_arch().empty());
}

}  // namespace
}  // namespace lockstress
