#include "harness/summary/cpu_model.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <map>
#include <vector>

namespace lockstress {
namespace {

struct Part {
  unsigned implementer;
  unsigned part;
  std::string_view name;
};

// Cores as the kernel's MIDR table names them (arch/arm64/include/asm/cputype.h) and as cloud
// machines report them: Graviton 2-4 are Neoverse N1, V1, V2; GitHub's and Azure's arm64 runners
// (Cobalt 100) are Neoverse N2.
constexpr std::array<Part, 34> kParts{{
    {0x41, 0xd03, "Arm Cortex-A53"},  {0x41, 0xd04, "Arm Cortex-A35"},
    {0x41, 0xd05, "Arm Cortex-A55"},  {0x41, 0xd07, "Arm Cortex-A57"},
    {0x41, 0xd08, "Arm Cortex-A72"},  {0x41, 0xd09, "Arm Cortex-A73"},
    {0x41, 0xd0a, "Arm Cortex-A75"},  {0x41, 0xd0b, "Arm Cortex-A76"},
    {0x41, 0xd0c, "Arm Neoverse N1"}, {0x41, 0xd0d, "Arm Cortex-A77"},
    {0x41, 0xd40, "Arm Neoverse V1"}, {0x41, 0xd41, "Arm Cortex-A78"},
    {0x41, 0xd44, "Arm Cortex-X1"},   {0x41, 0xd46, "Arm Cortex-A510"},
    {0x41, 0xd47, "Arm Cortex-A710"}, {0x41, 0xd48, "Arm Cortex-X2"},
    {0x41, 0xd49, "Arm Neoverse N2"}, {0x41, 0xd4a, "Arm Neoverse E1"},
    {0x41, 0xd4b, "Arm Cortex-A78C"}, {0x41, 0xd4d, "Arm Cortex-A715"},
    {0x41, 0xd4e, "Arm Cortex-X3"},   {0x41, 0xd4f, "Arm Neoverse V2"},
    {0x41, 0xd80, "Arm Cortex-A520"}, {0x41, 0xd81, "Arm Cortex-A720"},
    {0x41, 0xd82, "Arm Cortex-X4"},   {0x41, 0xd84, "Arm Neoverse V3"},
    {0x41, 0xd8e, "Arm Neoverse N3"}, {0x43, 0x0af, "Cavium ThunderX2"},
    {0x46, 0x001, "Fujitsu A64FX"},   {0x48, 0xd01, "HiSilicon TaiShan v110"},
    {0x4e, 0x004, "NVIDIA Carmel"},   {0x51, 0xc00, "Qualcomm Falkor"},
    {0xc0, 0xac3, "Ampere Ampere-1"}, {0xc0, 0xac4, "Ampere Ampere-1a"},
}};

constexpr std::array<std::pair<unsigned, std::string_view>, 11> kImplementers{{
    {0x41, "Arm"},
    {0x42, "Broadcom"},
    {0x43, "Cavium"},
    {0x46, "Fujitsu"},
    {0x48, "HiSilicon"},
    {0x4e, "NVIDIA"},
    {0x50, "Applied Micro"},
    {0x51, "Qualcomm"},
    {0x61, "Apple"},
    {0x6d, "Microsoft"},
    {0xc0, "Ampere"},
}};

// The value of "key : value" lines, in order of appearance.
std::vector<std::string_view> values(std::string_view text, std::string_view key) {
  std::vector<std::string_view> out;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.rfind(key, 0) != 0) continue;
    const std::size_t colon = line.find(':', key.size());
    if (colon == std::string_view::npos ||
        line.substr(key.size(), colon - key.size()).find_first_not_of(" \t") !=
            std::string_view::npos) {
      continue;
    }
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    out.push_back(value);
  }
  return out;
}

unsigned hex(std::string_view text) {
  if (text.rfind("0x", 0) == 0) text.remove_prefix(2);
  unsigned value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value, 16);
  return value;
}

std::string hex_text(unsigned value, int digits) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%0*x", digits, value);
  return text;
}

std::string core_name(unsigned implementer, unsigned part) {
  for (const Part& p : kParts) {
    if (p.implementer == implementer && p.part == part) return std::string(p.name);
  }
  std::string vendor = "implementer " + hex_text(implementer, 2);
  for (const auto& [id, name] : kImplementers) {
    if (id == implementer) vendor = std::string(name) + " (implementer " + hex_text(id, 2) + ")";
  }
  return vendor + " part " + hex_text(part, 3);
}

}  // namespace

std::string cpu_model_from_cpuinfo(std::string_view cpuinfo) {
  if (const auto names = values(cpuinfo, "model name"); !names.empty()) {
    return std::string(names.front());
  }
  const auto implementers = values(cpuinfo, "CPU implementer");
  const auto parts = values(cpuinfo, "CPU part");
  if (!implementers.empty() && implementers.size() == parts.size()) {
    // In order of first appearance, with how many cores of each.
    std::vector<std::pair<std::string, int>> kinds;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const std::string name = core_name(hex(implementers[i]), hex(parts[i]));
      auto it =
          std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == name; });
      if (it == kinds.end()) {
        kinds.emplace_back(name, 1);
      } else {
        ++it->second;
      }
    }
    if (kinds.size() == 1) return kinds.front().first;
    std::string out;
    for (const auto& [name, count] : kinds) {
      out += (out.empty() ? "" : " + ") + std::to_string(count) + "x " + name;
    }
    return out;
  }
  // Other architectures name the hardware or the core.
  for (const char* key : {"Hardware", "cpu model", "uarch", "cpu"}) {
    if (const auto found = values(cpuinfo, key); !found.empty()) return std::string(found.front());
  }
  return "unknown";
}

std::string cpuinfo_arch(std::string_view cpuinfo) {
  if (!values(cpuinfo, "CPU implementer").empty()) return "aarch64";
  const auto flags = values(cpuinfo, "flags");
  if (!values(cpuinfo, "vendor_id").empty() && !flags.empty()) {
    const std::string padded = " " + std::string(flags.front()) + " ";
    return padded.find(" lm ") != std::string::npos ? "x86_64" : "x86";
  }
  return "";
}

std::string_view binary_arch() {
#if defined(__x86_64__)
  return "x86_64";
#elif defined(__i386__)
  return "x86";
#elif defined(__aarch64__)
  return "aarch64";
#elif defined(__riscv) && __riscv_xlen == 64
  return "riscv64";
#elif defined(__arm__)
  return "arm";
#else
  return "unknown";
#endif
}

std::string emulation_note(std::string_view binary, std::string_view kernel_arch,
                           std::string_view cpu_arch) {
  if (cpu_arch.empty() || binary == "unknown" || binary == cpu_arch) return "";
  return std::string(binary) + " code" +
         (kernel_arch == binary ? " (uname -m says " + std::string(kernel_arch) + ")" : "") +
         " ran on an " + std::string(cpu_arch) +
         " CPU, so its atomics and memory ordering were the " + std::string(cpu_arch) +
         " CPU's: this run exercised the " + std::string(binary) + " build, not the " +
         std::string(binary) + " memory model";
}

}  // namespace lockstress
