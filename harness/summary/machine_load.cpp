#include "harness/summary/machine_load.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "harness/summary/format.hpp"

namespace lockstress {
namespace {

std::string load_number(double load) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", load);
  return text;
}

}  // namespace

std::string format_load(const MachineLoad& load) {
  if (load.highest < 0) return "";
  std::string out = "load average";
  if (load.start >= 0) out += " " + load_number(load.start) + " at the start,";
  if (load.end >= 0) out += " " + load_number(load.end) + " at the end,";
  return out + " " + load_number(load.highest) + " at the highest";
}

std::string shared_cpus_warning(const MachineLoad& load, int cpus) {
  if (!load.shared_cpus) return "";
  return "the run shared its CPUs with other work (load average up to " +
         load_number(load.highest) + " on " + format_cpus(cpus) +
         "): timings and rates may differ from a quiet run";
}

double current_load() {
  double averages[1];
  return getloadavg(averages, 1) == 1 ? averages[0] : -1;
}

LoadSampler::LoadSampler(int cpus) : cpus_(cpus) {
  take();
  load_.start = load_.highest;
}

void LoadSampler::take() {
  last_ = std::chrono::steady_clock::now();
  const double now = current_load();
  if (now >= 0) load_.highest = std::max(load_.highest, now);
  load_.end = now;
}

void LoadSampler::sample() {
  // The 1-minute average moves slowly (an exponential decay over 60 s, updated every 5 s):
  // a sample a second misses no peak of it.
  if (std::chrono::steady_clock::now() - last_ >= std::chrono::seconds(1)) take();
}

MachineLoad LoadSampler::finish() {
  take();
  load_.shared_cpus = cpus_ > 0 && load_.highest > cpus_;
  return load_;
}

}  // namespace lockstress
