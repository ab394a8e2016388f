// LD_PRELOAD=libpeak_rss.so LOCKSTRESS_PEAK_RSS_FILE=out PROGRAM ...: at PROGRAM's exit, writes
// its own peak resident set (VmHWM, kB) to `out`. /usr/bin/time cannot measure the driver alone:
// the kernel reports the largest of a process and its waited-for children (the runners). Both
// variables are removed at start-up, so the runners the driver starts do not load this library.

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

char output_path[4096];

__attribute__((constructor)) void remember_output() {
  if (const char* path = std::getenv("LOCKSTRESS_PEAK_RSS_FILE")) {
    std::strncpy(output_path, path, sizeof output_path - 1);
  }
  unsetenv("LOCKSTRESS_PEAK_RSS_FILE");
  unsetenv("LD_PRELOAD");
}

__attribute__((destructor)) void write_peak_rss() {
  if (output_path[0] == '\0') return;
  std::FILE* status = std::fopen("/proc/self/status", "r");
  std::FILE* out = std::fopen(output_path, "w");
  if (status == nullptr || out == nullptr) return;
  char line[256];
  while (std::fgets(line, sizeof line, status)) {
    long kb = 0;
    if (std::sscanf(line, "VmHWM: %ld kB", &kb) == 1) std::fprintf(out, "%ld\n", kb);
  }
  std::fclose(status);
  std::fclose(out);
}

}  // namespace
