#include "harness/runtime/placement.hpp"

#include <gtest/gtest.h>

#include "harness/base/cpu_topology.hpp"

namespace lockstress {
namespace {

TEST(CpuList, ParsesTheKernelsFormat) {
  EXPECT_EQ(parse_cpu_list("0-3,8,10-11\n"), (std::vector<int>{0, 1, 2, 3, 8, 10, 11}));
  EXPECT_EQ(parse_cpu_list("5"), (std::vector<int>{5}));
  EXPECT_FALSE(parse_cpu_list(""));
  EXPECT_FALSE(parse_cpu_list("3-1"));
  EXPECT_FALSE(parse_cpu_list("a"));
  EXPECT_FALSE(parse_cpu_list("1,,2"));
}

// Four cores with two hardware threads each, numbered the way Intel's Linux numbers them: core c
// has CPUs c and c + 4.
std::vector<std::optional<std::vector<int>>> intel_smt(const std::vector<int>& cpus) {
  std::vector<std::optional<std::vector<int>>> out;
  for (int cpu : cpus) out.push_back(std::vector<int>{cpu % 4, cpu % 4 + 4});
  return out;
}

TEST(OrderCpus, SpreadTakesOneCpuPerCoreBeforeAnySibling) {
  const std::vector<int> all{0, 1, 2, 3, 4, 5, 6, 7};
  EXPECT_EQ(order_cpus(Pin::spread, all, intel_smt(all)),
            (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
  // AMD numbers siblings next to each other: cores {0,1}, {2,3}, {4,5}, {6,7}.
  std::vector<std::optional<std::vector<int>>> amd;
  for (int cpu : all) amd.push_back(std::vector<int>{cpu / 2 * 2, cpu / 2 * 2 + 1});
  EXPECT_EQ(order_cpus(Pin::spread, all, amd), (std::vector<int>{0, 2, 4, 6, 1, 3, 5, 7}));
  EXPECT_EQ(order_cpus(Pin::compact, all, amd), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(OrderCpus, CompactFillsACoresSiblingsFirst) {
  const std::vector<int> all{0, 1, 2, 3, 4, 5, 6, 7};
  EXPECT_EQ(order_cpus(Pin::compact, all, intel_smt(all)),
            (std::vector<int>{0, 4, 1, 5, 2, 6, 3, 7}));
  // Only the CPUs the process may use count: here core 1 has one left.
  const std::vector<int> some{1, 2, 5, 6};
  EXPECT_EQ(order_cpus(Pin::compact, some, intel_smt(some)), (std::vector<int>{1, 5, 2, 6}));
  EXPECT_EQ(plan_placement(Pin::compact, 3, some, intel_smt(some)), (std::vector<int>{1, 5, 2}));
}

TEST(OrderCpus, UnknownTopologyMakesEachCpuACore) {
  const std::vector<int> cpus{0, 1, 2};
  const std::vector<std::optional<std::vector<int>>> unknown(3);
  EXPECT_EQ(order_cpus(Pin::compact, cpus, unknown), cpus);
  EXPECT_EQ(order_cpus(Pin::spread, cpus, unknown), cpus);
  EXPECT_EQ(plan_placement(Pin::none, 2, cpus, unknown), (std::vector<int>{-1, -1}));
}

}  // namespace
}  // namespace lockstress
