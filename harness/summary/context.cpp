#include "harness/summary/context.hpp"

#include <sched.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>

namespace lockstress {
namespace {

std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  // x86 names the model; other architectures name the hardware or the CPU part.
  for (const char* key : {"model name", "Hardware", "cpu model", "uarch"}) {
    cpuinfo.clear();
    cpuinfo.seekg(0);
    while (std::getline(cpuinfo, line)) {
      if (line.rfind(key, 0) == 0) {
        std::size_t colon = line.find(':');
        if (colon != std::string::npos && colon + 2 <= line.size()) return line.substr(colon + 2);
      }
    }
  }
  return "unknown";
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

}  // namespace

std::string shell_join(const std::vector<std::string>& arguments) {
  std::string out;
  for (const std::string& argument : arguments) {
    if (!out.empty()) out += ' ';
    bool plain = !argument.empty() &&
                 argument.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
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
  context.seed = seed;
  context.cpus = usable_cpus();
  context.online_cpus = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
  context.cpu_model = cpu_model();
  utsname name{};
  if (uname(&name) == 0) {
    context.arch = name.machine;
    context.os = std::string(name.sysname) + " " + name.release;
  }
  context.compiler = compiler();
  context.started_at = utc_now();
  if (const char* options = std::getenv("TSAN_OPTIONS")) context.tsan_options = options;
  return context;
}

}  // namespace lockstress
