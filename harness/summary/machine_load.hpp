#pragma once

#include <chrono>
#include <string>

namespace lockstress {

// The machine's 1-minute load average (getloadavg, /proc/loadavg on Linux) while a run ran:
// timings, and race windows with them, change with the work a machine shares its CPUs with, so a
// summary says how busy the machine was. -1: unknown.
struct MachineLoad {
  double start = -1;
  double end = -1;
  double highest = -1;       // of the samples: the start, the end, at most one a second between
  bool shared_cpus = false;  // highest above the CPUs the run could use: it shared them
};

// "load average 1.7 at the start, 2.1 at the end, 9.8 at the highest"; "" when unknown.
std::string format_load(const MachineLoad& load);

// "" unless the run shared its `cpus` with other work; else the warning every header shows.
std::string shared_cpus_warning(const MachineLoad& load, int cpus);

// The 1-minute load average now; -1 when the system does not say.
double current_load();

// Samples the load from construction to finish(); sample() takes one when a second has passed
// since the last, and is cheap enough to call at every trial.
class LoadSampler {
 public:
  explicit LoadSampler(int cpus);
  void sample();
  MachineLoad finish();

 private:
  void take();
  int cpus_;
  MachineLoad load_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace lockstress
