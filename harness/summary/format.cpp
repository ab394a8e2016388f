#include "harness/summary/format.hpp"

#include <cmath>
#include <cstdio>

#include "harness/summary/summary.hpp"

namespace lockstress {

std::string format_percent(double fraction) {
  const double p = fraction * 100;
  char buffer[32];
  if (p == 0 || p == 100 || p >= 10) {
    std::snprintf(buffer, sizeof buffer, "%.0f%%", p);
  } else if (p >= 0.1) {
    std::snprintf(buffer, sizeof buffer, "%.1f%%", p);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.2g%%", p);
  }
  return buffer;
}

std::string format_rate(const Rate& rate) {
  if (rate.trials == 0) return "-";
  auto bound = [](double fraction) {
    return fraction == 0 ? std::string("0") : format_percent(fraction);
  };
  return format_percent(rate.value) + " [" + bound(rate.ci95.low) + ", " +
         format_percent(rate.ci95.high) + "]";
}

std::string format_ratio(double ratio) {
  if (std::isinf(ratio)) return "inf";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, ratio < 10 ? "%.2f" : "%.0f", ratio);
  return buffer;
}

std::string format_count(std::int64_t events, std::int64_t trials) {
  return std::to_string(events) + "/" + std::to_string(trials) + " trials";
}

std::string format_ns(double ns) {
  char text[32];
  if (ns < 1e3) {
    std::snprintf(text, sizeof text, "%.0f ns", ns);
  } else if (ns < 1e6) {
    std::snprintf(text, sizeof text, "%.3g µs", ns / 1e3);
  } else {
    std::snprintf(text, sizeof text, "%.3g ms", ns / 1e6);
  }
  return text;
}

std::string cell_label(const CellPlan& plan) { return plan.case_name + "/" + plan.variant.name; }

std::string point_label(const CellPlan& plan) {
  return std::to_string(plan.threads) + "x" + std::to_string(plan.iterations);
}

std::string where_seen(const UniqueReport& report, std::int64_t trials) {
  if (report.first_trial < 0) return "the runner's start-up or exit";
  return format_count(report.trials, trials);
}

std::string format_cpus(int cpus) {
  if (cpus == 0) return "CPUs that differ by input";
  return std::to_string(cpus) + (cpus == 1 ? " CPU" : " CPUs");
}

std::string format_platform(const Context& context) {
  return format_cpus(context.cpus) + " (" + context.cpu_model + "), " + context.arch + ", " +
         context.os + ", " + context.compiler;
}

}  // namespace lockstress
