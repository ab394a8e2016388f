#include "harness/reporters/detector_matrix.hpp"

#include <gtest/gtest.h>

#include "harness/analysis/grading.hpp"
#include "sample_lock_summary.hpp"
#include "test_variants.hpp"

namespace lockstress {
namespace {

const CellResult& find(const Summary& s, const std::string& name, Variant variant) {
  for (const CellResult& c : s.results) {
    if (c.plan.case_name == name && c.plan.variant == variant) return c;
  }
  throw std::runtime_error("no cell " + name);
}

TEST(DetectorOutcome, NamesWhatEachDetectorSawInEachKindOfCell) {
  const Summary s = testing::sample_lock_summary();
  EXPECT_EQ(detector_outcome(find(s, "unsafe_counter", testing::kPlain)), "lost updates in 3/4");
  EXPECT_EQ(detector_outcome(find(s, "unsafe_counter", testing::kTsan)), "data race in 4/4");
  EXPECT_EQ(detector_outcome(find(s, "peterson_acq_rel", testing::kTsan)), "nothing (blind spot)");
  EXPECT_EQ(detector_outcome(find(s, "lock_order_inversion", testing::kTsan)),
            "lock-order-inversion in 4/4");
  EXPECT_EQ(detector_outcome(find(s, "spinlock_relaxed", testing::kTsan)),
            "MISSED: nothing in 0/4");
  EXPECT_EQ(detector_outcome(find(s, "spinlock", testing::kPlain)), "clean");
}

TEST(DetectorOutcome, ASafeCaseThatLostUpdatesOrDrewAReportFails) {
  const Summary s = testing::sample_summary();
  EXPECT_EQ(detector_outcome(find(s, "locked_counter", testing::kTsan)), "FAIL: data race in 1/4");
  CellResult lost = find(s, "locked_counter", testing::kPlain);
  lost.measured.failures = rate(2, 4);
  lost.grade = grade_cell(lost.plan, lost.measured, true);  // the matrix words the grade
  EXPECT_EQ(detector_outcome(lost), "FAIL: lost updates in 2/4");
  EXPECT_EQ(detector_outcome(find(s, "killed_runner", testing::kPlain)), "error");
}

}  // namespace
}  // namespace lockstress
