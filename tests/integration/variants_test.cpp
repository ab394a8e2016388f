// lockstress-variants (tests/variants/): a program with a third variant, plain-O1, of the plain
// kind. Its summary has a column and cells for it, its cells are held to what the plain kind must
// catch, and the control gates it on its own.

#include <gtest/gtest.h>

#include "run_lockstress.hpp"

namespace lockstress {
namespace {

using nlohmann::json;
using testing::find_cell;
using testing::Scratch;

testing::Ran run_variants(const std::string& args, const Scratch& scratch) {
  return testing::run_program(LOCKSTRESS_VARIANTS_BINARY, args, scratch);
}

// 2 threads x 100,000 increments: the control and the broken lock lose updates in nearly every
// trial on 2 CPUs (Run.BothDetectorsCatchTheUnsafeCounterAndNeitherFaultsTheLockedOne). The plain
// variants only: a lock this broken draws a report at every collision under TSan (docs/your-own-locks.md, "Your
// own locks"), seconds a trial at this size.
TEST(Variants, AVariantOfTheProgramsOwnIsACellAndAColumnHeldToItsKind) {
  Scratch scratch;
  const auto json_path = scratch / "summary.json";
  testing::Ran ran = run_variants(
      "run --variant plain --variant plain-O1 --threads 2 --iterations 100000 --trials 10 "
      "--seed 3 --json '" +
          json_path.string() + "'",
      scratch);
  ASSERT_EQ(ran.exit_code, 0) << ran.out << ran.err;
  json summary = json::parse(testing::slurp(json_path));
  ASSERT_EQ(summary["results"].size(), 6u);  // 3 cases x 2 variants
  const json* control = find_cell(summary, "unsafe_counter", "plain-O1");
  const json* broken = find_cell(summary, "check_then_set", "plain-O1");
  const json* mutex = find_cell(summary, "mutex", "plain-O1");
  ASSERT_TRUE(control && broken && mutex);
  EXPECT_EQ((*broken)["detector"], "plain");
  EXPECT_GT((*broken)["failed_trials"].get<int>(), 0);
  EXPECT_EQ((*broken)["verdict"], "pass");
  EXPECT_EQ((*mutex)["verdict"], "pass");
  EXPECT_EQ((*control)["verdict"], "pass");

  const json& builds = summary["context"]["build"]["variants"];
  ASSERT_EQ(builds.size(), 3u);
  EXPECT_EQ(builds[1]["name"], "plain-O1");
  EXPECT_EQ(builds[1]["detector"], "plain");
  EXPECT_NE(builds[1]["flags"].get<std::string>().find("-O1"), std::string::npos);

  EXPECT_NE(ran.out.find("plain-O1: "), std::string::npos) << ran.out;
  const std::size_t header = ran.out.find("threads x iters  plain ");
  EXPECT_LT(header, ran.out.find(" plain-O1\n", header)) << ran.out;
  EXPECT_NE(ran.out.find("plain-O1: trials that lost updates"), std::string::npos) << ran.out;
}

TEST(Variants, TheVariantsAreTheProgramsOwnList) {
  Scratch scratch;
  testing::Ran ran = run_variants("run --variant msan", scratch);
  EXPECT_EQ(ran.exit_code, 2);
  EXPECT_EQ(ran.err, "lockstress: unknown variant 'msan' (plain, plain-O1 or tsan)\n");
  ran = run_variants(
      "run --variant plain-O1 --case mutex --threads 2 --iterations 100000 --trials 5", scratch);
  EXPECT_EQ(ran.exit_code, 0) << ran.out << ran.err;
  EXPECT_NE(ran.out.find("mutex/plain-O1: pass"), std::string::npos) << ran.out;
  EXPECT_EQ(ran.out.find("mutex/tsan"), std::string::npos) << ran.out;
  EXPECT_EQ(ran.out.find("mutex/plain:"), std::string::npos) << ran.out;
}

}  // namespace
}  // namespace lockstress
