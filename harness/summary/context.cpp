#include "harness/summary/context.hpp"

#include <sched.h>
#include <sys/utsname.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <gnu/libc-version.h>
#endif

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>

#include "harness/base/cpu_topology.hpp"
#include "harness/summary/cpu_model.hpp"

namespace lockstress {
namespace {

std::string read_cpuinfo() {
  std::ifstream in("/proc/cpuinfo");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int usable_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set);
  return static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
}

std::string compiler() {
#if defined(__clang__)
  std::string version = "clang " __clang_version__;
  while (!version.empty() && version.back() == ' ') version.pop_back();
  return version;
#elif defined(__GNUC__)
  return "gcc " __VERSION__;
#else
  return "unknown";
#endif
}

std::string utc_now() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

// "Debian GNU/Linux 12 (bookworm)", from os-release's PRETTY_NAME.
std::string distribution() {
  for (const char* path : {"/etc/os-release", "/usr/lib/os-release"}) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("PRETTY_NAME=", 0) != 0) continue;
      std::string value = line.substr(12);
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')) {
        value = value.substr(1, value.size() - 2);
      }
      return value;
    }
  }
  return "";
}

std::string libc() {
#if defined(__GLIBC__)
  return std::string("glibc ") + gnu_get_libc_version();
#else
  return "";
#endif
}

int cache_line_bytes() {
  long bytes = sysconf(_SC_LEVEL1_DCACHE_LINESIZE);
  if (bytes > 0) return static_cast<int>(bytes);
  std::ifstream in("/sys/devices/system/cpu/cpu0/cache/index0/coherency_line_size");
  int from_sysfs = 0;
  return in >> from_sysfs ? from_sysfs : 0;
}

std::vector<int> online_cpus() {
  std::ifstream in("/sys/devices/system/cpu/online");
  std::string line;
  if (in && std::getline(in, line)) {
    if (auto cpus = parse_cpu_list(line)) return *cpus;
  }
  return {};
}

}  // namespace

std::string shell_join(const std::vector<std::string>& arguments) {
  std::string out;
  for (const std::string& argument : arguments) {
    if (!out.empty()) out += ' ';
    bool plain = !argument.empty() && argument.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789-_./=:,+@%") == std::string::npos;
    if (plain) {
      out += argument;
      continue;
    }
    out += '\'';
    for (char c : argument) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += '\'';
  }
  return out;
}

Context gather_context(const std::vector<std::string>& command, std::uint64_t seed) {
  Context context;
  context.lockstress_version = LOCKSTRESS_VERSION;
  context.command = shell_join(command);
  if (!command.empty()) context.program = command[0];
  context.seed = seed;
  context.cpus = usable_cpus();
  context.online_cpus = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
  const std::string cpuinfo = read_cpuinfo();
  context.cpu_model = cpu_model_from_cpuinfo(cpuinfo);
  utsname name{};
  if (uname(&name) == 0) {
    context.arch = name.machine;
    context.os = std::string(name.sysname) + " " + name.release;
  }
  context.binary_arch = binary_arch();
  context.emulation = emulation_note(context.binary_arch, context.arch, cpuinfo_arch(cpuinfo));
  if (const char* emulator = std::getenv("LOCKSTRESS_EMULATOR"); emulator && *emulator) {
    if (context.emulation.empty()) {
      context.emulation = "runners started through " + std::string(emulator);
    } else {
      context.emulation += " (runners started through " + std::string(emulator) + ")";
    }
  }
  context.compiler = compiler();
  context.started_at = utc_now();
  if (const char* options = std::getenv("TSAN_OPTIONS")) context.tsan_options = options;
  context.distribution = distribution();
  if (uname(&name) == 0) context.kernel_version = name.version;
  context.libc = libc();
  context.threads_per_core = threads_per_core(online_cpus());
  context.cache_line_bytes = cache_line_bytes();
  return context;
}

}  // namespace lockstress
