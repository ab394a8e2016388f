#include "harness/summary/machine_load.hpp"

#include <gtest/gtest.h>

#include "harness/summary/merge_context.hpp"

namespace lockstress {
namespace {

TEST(MachineLoad, SaysHowBusyTheMachineWasAndWarnsOnlyWhenItWasBusierThanItsCpus) {
  const MachineLoad quiet{.start = 0.2, .end = 0.5, .highest = 1.5, .shared_cpus = false};
  EXPECT_EQ(format_load(quiet),
            "load average 0.2 at the start, 0.5 at the end, 1.5 at the highest");
  EXPECT_EQ(shared_cpus_warning(quiet, 2), "");
  const MachineLoad busy{.start = 5.9, .end = 6.2, .highest = 6.3, .shared_cpus = true};
  EXPECT_EQ(shared_cpus_warning(busy, 2),
            "the run shared its CPUs with other work (load average up to 6.3 on 2 CPUs): timings "
            "and rates may differ from a quiet run");
  EXPECT_EQ(format_load(MachineLoad{}), "") << "unknown: nothing claimed";
}

TEST(MachineLoad, TheSamplerTakesTheStartTheHighestAndTheEndAndJudgesAgainstTheCpus) {
  LoadSampler sampler(1 << 20);  // more CPUs than any load: never shared
  sampler.sample();
  const MachineLoad load = sampler.finish();
  ASSERT_GE(load.start, 0) << "Linux has /proc/loadavg";
  EXPECT_GE(load.end, 0);
  EXPECT_GE(load.highest, std::max(load.start, load.end));
  EXPECT_FALSE(load.shared_cpus);
  // A machine with no CPU to spare: any load at all is above 0.
  LoadSampler none(0);
  EXPECT_FALSE(none.finish().shared_cpus) << "0 CPUs is unknown, not a machine always shared";
}

TEST(MachineLoad, AMergeKeepsTheEarliestStartTheLatestEndAndTheHighestOfAll) {
  MergedInput first, second;
  first.context.started_at = "2026-01-01T10:00:00Z";
  first.context.load = {.start = 0.5, .end = 1.0, .highest = 1.5, .shared_cpus = false};
  second.context.started_at = "2026-01-01T11:00:00Z";
  second.context.load = {.start = 3.0, .end = 2.0, .highest = 4.0, .shared_cpus = true};
  const MachineLoad merged = merge_contexts({second, first}).load;
  EXPECT_EQ(merged.start, 0.5);
  EXPECT_EQ(merged.end, 2.0);
  EXPECT_EQ(merged.highest, 4.0);
  EXPECT_TRUE(merged.shared_cpus);
}

}  // namespace
}  // namespace lockstress
