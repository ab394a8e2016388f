#include "harness/driver/cli.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "harness/driver/plan.hpp"
#include "harness/driver/rerun_line.hpp"
#include "lockstress/lockstress.hpp"
#include "test_variants.hpp"

namespace lockstress {
namespace {

std::vector<Case> test_cases() {
  std::vector<Case> cases(3);
  cases[0].name = kControlCase;
  cases[1].name = "locked_counter";
  cases[2].name = "peterson";
  cases[2].threads = {2, 2};
  return cases;
}

// A parsed command, or the Error, as one variant the tests can ask with holds_alternative.
using Parsed =
    std::variant<ListCommand, RunCommand, MergeCommand, CompareCommand, PrintCommand, Error>;

Parsed parse(std::vector<std::string> args) {
  args.insert(args.begin(), "lockstress");
  Result<Command> command = parse_command_line(args, Program{test_cases(), builtin_variants()});
  if (!command) return command.error();
  return std::visit([](auto&& parsed) -> Parsed { return parsed; }, *command);
}

std::string error_of(std::vector<std::string> args) {
  Parsed command = parse(std::move(args));
  const Error* error = std::get_if<Error>(&command);
  return error ? error->message : "<no error>";
}

TEST(Cli, RunDefaults) {
  Parsed command = parse({"run"});
  ASSERT_TRUE(std::holds_alternative<RunCommand>(command));
  const RunOptions& o = std::get<RunCommand>(command).options;
  EXPECT_TRUE(o.cases.empty());
  EXPECT_TRUE(o.variants.empty());
  EXPECT_TRUE(o.threads.empty());
  EXPECT_TRUE(o.iterations.empty());
  EXPECT_FALSE(o.trials);
  EXPECT_FALSE(o.seed);
  EXPECT_FALSE(o.quiet);
}

TEST(Cli, PerformanceOptionsDefaultAndParse) {
  Parsed defaults = parse({"run"});
  ASSERT_TRUE(std::holds_alternative<RunCommand>(defaults));
  const RunOptions& d = std::get<RunCommand>(defaults).options;
  EXPECT_EQ(d.start, StartLine::hybrid);
  EXPECT_EQ(d.perturb, Perturb::none);
  EXPECT_FALSE(d.stopping.duration_seconds);
  EXPECT_FALSE(d.stopping.ci_width);
  EXPECT_FALSE(d.stopping.stop_on_detect);

  Parsed command = parse({"run", "--start", "spin", "--perturb", "random", "--duration", "2m",
                          "--until-ci-width", "5%", "--stop-on-detect"});
  ASSERT_TRUE(std::holds_alternative<RunCommand>(command));
  const RunOptions& o = std::get<RunCommand>(command).options;
  EXPECT_EQ(o.start, StartLine::spin);
  EXPECT_EQ(o.perturb, Perturb::random);
  EXPECT_EQ(o.stopping.duration_seconds, 120.0);
  EXPECT_EQ(o.stopping.ci_width, 0.05);
  EXPECT_TRUE(o.stopping.stop_on_detect);
  // A time budget without --trials: the budget, not a trial count, ends each cell.
  EXPECT_FALSE(o.trials);
  const Case some_case{"c", "", Expect::safe, {}, nullptr, {.trials = 30}};
  EXPECT_EQ(planned_trials(some_case, Detector::plain, o), kMaxTrials);
  const std::vector<std::string> rerun = rerun_arguments("lockstress", o, 3);
  for (const char* arg : {"--start", "spin", "--perturb", "random", "--duration", "120s",
                          "--until-ci-width", "--stop-on-detect"}) {
    EXPECT_NE(std::find(rerun.begin(), rerun.end(), arg), rerun.end()) << arg;
  }

  Parsed capped = parse({"run", "--duration", "10s", "--trials", "50"});
  ASSERT_TRUE(std::holds_alternative<RunCommand>(capped));
  EXPECT_EQ(std::get<RunCommand>(capped).options.trials, 50);
}

TEST(Cli, PerformanceOptionErrorsNameTheProblem) {
  EXPECT_EQ(error_of({"run", "--start", "fast"}), "unknown --start 'fast' (spin, block or hybrid)");
  EXPECT_EQ(error_of({"run", "--perturb", "jitter"}),
            "unknown --perturb 'jitter' (none, yield, sleep or random)");
  EXPECT_EQ(error_of({"run", "--duration", "soon"}),
            "--duration: 'soon' is not a duration from 1ms to 1000000000s (30s, 2m, 500ms)");
  EXPECT_EQ(error_of({"run", "--until-ci-width", "2"}),
            "--until-ci-width: '2' is not a width between 0 and 1 (0.05 or 5%)");
}

// run --replay: one schedule of one case in one model variant, nothing else to run or write.
TEST(Cli, ReplayTakesOneModelScheduleAndRefusesTheRest) {
  auto parse = [](std::vector<std::string> args) -> Parsed {
    args.insert(args.begin(), "lockstress");
    const Program program{test_cases(), {testing::kPlain, testing::kTsan, testing::kModel}};
    Result<Command> command = parse_command_line(args, program);
    if (!command) return command.error();
    return std::visit([](auto&& parsed) -> Parsed { return parsed; }, *command);
  };
  auto error_of = [&](std::vector<std::string> args) {
    Parsed command = parse(std::move(args));
    const Error* error = std::get_if<Error>(&command);
    return error ? error->message : "<no error>";
  };
  Parsed command =
      parse({"run", "--case", "peterson", "--variant", "model", "--replay", "pct/c11/d3/k20/s9",
             "--replay-choices", "0*5.1", "--expect-hash", "00000000000000ab"});
  ASSERT_TRUE(std::holds_alternative<RunCommand>(command)) << std::get<Error>(command).message;
  const std::optional<ReplayRequest>& replay = std::get<RunCommand>(command).options.replay;
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->key, "pct/c11/d3/k20/s9");
  EXPECT_EQ(replay->choices, "0*5.1");
  EXPECT_EQ(replay->expect_hash, "00000000000000ab");
  const std::string one = "--replay replays a schedule of one --case in one model --variant";
  EXPECT_EQ(error_of({"run", "--variant", "model", "--replay", "pct/c11/d3/k20/s9"}), one);
  EXPECT_EQ(error_of({"run", "--case", "peterson", "--variant", "plain", "--replay", "x"}), one);
  EXPECT_EQ(error_of({"run", "--case", "peterson", "--variant", "model", "--replay", "PCT x"}),
            "--replay: 'PCT x' is no replay key (strategy/memory/dD/kK/sSEED)");
  EXPECT_EQ(error_of({"run", "--case", "peterson", "--variant", "model", "--replay", "a/b",
                      "--expect-hash", "AB"}),
            "--expect-hash: 'AB' is not 16 lower-case hex digits");
  EXPECT_EQ(error_of({"run", "--case", "peterson", "--variant", "model", "--replay", "a/b",
                      "--json", "x.json"}),
            "--replay runs one schedule and prints it: no --trials, --shard or output files");
  EXPECT_EQ(error_of({"run", "--expect-hash", "00000000000000ab"}),
            "--replay-choices and --expect-hash go with --replay");
}

TEST(Cli, RunWithEveryOption) {
  Parsed command = parse({"run", "--case", "locked_counter", "--case", "locked_counter",
                          "--variant", "tsan", "--threads", "4", "--iterations", "1000", "--trials",
                          "7", "--seed", "18446744073709551615", "--json", "o.json", "-q"});
  ASSERT_TRUE(std::holds_alternative<RunCommand>(command)) << std::get<Error>(command).message;
  const RunOptions& o = std::get<RunCommand>(command).options;
  EXPECT_EQ(o.cases, std::vector<std::string>{"locked_counter"});
  ASSERT_EQ(o.variants.size(), 1u);
  EXPECT_EQ(o.variants[0], testing::kTsan);
  EXPECT_EQ(o.threads, std::vector<int>{4});
  EXPECT_EQ(o.iterations, std::vector<std::int64_t>{1000});
  EXPECT_EQ(o.trials, 7);
  EXPECT_EQ(o.seed, 18446744073709551615ULL);
  EXPECT_EQ(o.outputs.json, "o.json");
  EXPECT_TRUE(o.quiet);
}

TEST(Cli, EveryMistakeIsOneClearLine) {
  EXPECT_EQ(error_of({"run", "--case", "nope"}),
            "unknown case 'nope' (lockstress list shows the cases)");
  EXPECT_EQ(error_of({"run", "--variant", "asan"}), "unknown variant 'asan' (plain or tsan)");
  EXPECT_EQ(error_of({"run", "--threads", "0"}), "--threads: 0 is out of range (1 to 1024)");
  EXPECT_EQ(error_of({"run", "--threads", "-3"}), "--threads: -3 is out of range (1 to 1024)");
  EXPECT_EQ(error_of({"run", "--threads", "abc"}), "--threads: 'abc' is not a whole number");
  EXPECT_EQ(error_of({"run", "--threads", "100000"}),
            "--threads: 100000 is out of range (1 to 1024)");
  EXPECT_EQ(error_of({"run", "--iterations", "1e18"}),
            "--iterations: '1e18' is not a whole number");
  EXPECT_EQ(error_of({"run", "--trials", "99999999999999999999"}),
            "--trials: 99999999999999999999 is out of range (1 to 1000000000)");
  EXPECT_EQ(error_of({"run", "--case", "peterson", "--threads", "3"}),
            "--threads 3 is outside what peterson allows (2 to 2)");
  EXPECT_EQ(
      error_of({"run", "--threads", "2,3"}),
      "--threads 3 is outside what peterson allows (2 to 2); name the cases to run with --case");
  EXPECT_EQ(error_of({"run", "--threads", "2,,4"}), "--threads: '' is not a whole number");
  EXPECT_EQ(error_of({"run", "--iterations", "1000,0"}),
            "--iterations: 0 is out of range (1 to 9223372036854775807)");
  EXPECT_NE(error_of({"run", "--threads"}).find("--threads"), std::string::npos);
  EXPECT_NE(error_of({"run", "--bogus"}).find("--bogus"), std::string::npos);
  EXPECT_NE(error_of({"frobnicate"}).find("unknown command 'frobnicate'"), std::string::npos);
  EXPECT_NE(error_of({}).find("missing command"), std::string::npos);
  EXPECT_EQ(error_of({"list", "extra"}), "list takes no arguments");
  // A stray word once ran the whole default matrix, then drew Boost's "too many positional
  // options", which named neither the word nor what was meant.
  EXPECT_EQ(error_of({"run", "--variant", "plain", "peterson"}),
            "run: 'peterson' is not an option (did you mean --case peterson?)");
  EXPECT_EQ(error_of({"run", "tsan"}),
            "run: 'tsan' is not an option (did you mean --variant tsan?)");
  EXPECT_EQ(error_of({"run", "--trials", "5", "soon"}),
            "run: 'soon' is not an option (lockstress run --help)");
}

TEST(Cli, CompareIsACommandLikeTheOthers) {
  Parsed command = parse({"compare", "a.json", "b.json", "--alpha", "0.05"});
  ASSERT_TRUE(std::holds_alternative<CompareCommand>(command)) << error_of({"compare"});
  EXPECT_EQ(std::get<CompareCommand>(command).base, "a.json");
  EXPECT_EQ(std::get<CompareCommand>(command).now, "b.json");
  EXPECT_EQ(std::get<CompareCommand>(command).alpha, 0.05);
  EXPECT_EQ(std::get<CompareCommand>(parse({"compare", "a.json", "b.json"})).alpha, 0.01);
  EXPECT_TRUE(std::holds_alternative<PrintCommand>(parse({"compare", "--help"})));
  EXPECT_EQ(error_of({"compare", "a.json"}),
            "compare takes two summaries, got 1 (usage: lockstress compare BASE.json NEW.json "
            "[--alpha P])");
  EXPECT_EQ(error_of({"compare", "a.json", "b.json", "--alpha", "1"}),
            "--alpha: '1' is not a number between 0 and 1");
  EXPECT_EQ(error_of({"compare", "a.json", "b.json", "--bogus"}), "unrecognised option '--bogus'");
  // Every message that lists the commands names all four.
  for (const std::string& message : {error_of({}), error_of({"frobnicate"})}) {
    EXPECT_NE(message.find("list, run, compare or merge"), std::string::npos) << message;
  }
}

TEST(Cli, ReliabilityOptions) {
  Parsed command =
      parse({"run", "--timeout", "0.5", "--max-faults", "7", "--suppressions", "t.supp"});
  ASSERT_TRUE(std::holds_alternative<RunCommand>(command)) << error_of({"run", "--timeout", "0.5"});
  const RunOptions& o = std::get<RunCommand>(command).options;
  EXPECT_EQ(o.timeout_seconds, 0.5);
  EXPECT_EQ(o.max_faults, 7);
  EXPECT_EQ(o.suppressions, "t.supp");
  const RunOptions defaults = std::get<RunCommand>(parse({"run"})).options;
  EXPECT_EQ(defaults.timeout_seconds, kDefaultTimeoutSeconds);
  EXPECT_EQ(defaults.max_faults, kDefaultMaxFaults);
  EXPECT_TRUE(defaults.suppressions.empty());
  EXPECT_EQ(std::get<RunCommand>(parse({"run", "--timeout", "0"})).options.timeout_seconds, 0);
}

TEST(Cli, BadReliabilityOptionsAreOneClearLine) {
  EXPECT_EQ(error_of({"run", "--timeout", "soon"}), "--timeout: 'soon' is not a number of seconds");
  EXPECT_EQ(error_of({"run", "--timeout", "nan"}), "--timeout: 'nan' is not a number of seconds");
  EXPECT_EQ(error_of({"run", "--timeout", "inf"}), "--timeout: 'inf' is not a number of seconds");
  EXPECT_EQ(error_of({"run", "--timeout", "-1"}),
            "--timeout: -1 is out of range (0 to 1000000 seconds)");
  EXPECT_EQ(error_of({"run", "--timeout", "1e9"}),
            "--timeout: 1e9 is out of range (0 to 1000000 seconds)");
  EXPECT_EQ(error_of({"run", "--max-faults", "0"}),
            "--max-faults: 0 is out of range (1 to 1000000000)");
  EXPECT_EQ(error_of({"run", "--suppressions", ""}), "--suppressions: empty file name");
}

// threads x iterations is each trial's expected count: it must fit in 64 bits for every cell.
TEST(Cli, AnIterationCountThatOverflowsTheExpectedCountIsRefused) {
  EXPECT_EQ(error_of({"run", "--iterations", "9223372036854775807"}),
            "5 threads x --iterations 9223372036854775807 (unsafe_counter) is more increments per "
            "trial than a 64-bit count holds");
  EXPECT_EQ(error_of({"run", "--threads", "2", "--iterations", "4611686018427387904"}),
            "2 threads x --iterations 4611686018427387904 (unsafe_counter) is more increments per "
            "trial than a 64-bit count holds");
  EXPECT_TRUE(std::holds_alternative<RunCommand>(
      parse({"run", "--threads", "2", "--iterations", "4611686018427387903"})));
  EXPECT_EQ(error_of({"run", "--iterations", "9223372036854775808"}),
            "--iterations: 9223372036854775808 is out of range (1 to 9223372036854775807)");
}

// Found by fuzz_cli: Boost.Program_options' error message looped forever (and grew without bound)
// when the offending argument held one of its own %placeholders%.
TEST(Cli, AnArgumentHoldingBoostsPlaceholdersIsAnErrorNotAHang) {
  EXPECT_EQ(error_of({"run", "--x%original_token%"}), "unrecognised option '--x?original_token?'");
  EXPECT_EQ(error_of({"run", "--quiet=%value%"}), "option '--quiet' does not take any arguments");
  // A % where Boost has nothing to say is kept as it is.
  EXPECT_EQ(
      std::get<RunCommand>(parse({"run", "--json", "a%original_token%.json"})).options.outputs.json,
      "a%original_token%.json");
}

TEST(Cli, ListsSweepInTheOrderGivenWithoutRepeats) {
  Parsed command = parse({"run", "--threads", "2", "--case", "locked_counter", "--threads", "8",
                          "--iterations", "1000,100000,1000"});
  ASSERT_TRUE(std::holds_alternative<RunCommand>(command)) << std::get<Error>(command).message;
  const RunOptions& o = std::get<RunCommand>(command).options;
  EXPECT_EQ(o.threads, (std::vector<int>{2, 8}));
  EXPECT_EQ(o.iterations, (std::vector<std::int64_t>{1000, 100000}));
}

TEST(Cli, ThreadsOutsideALimitAreFineForCasesNotSelected) {
  EXPECT_TRUE(std::holds_alternative<RunCommand>(
      parse({"run", "--case", "locked_counter", "--threads", "8"})));
}

TEST(Cli, HelpListsEveryOptionWithItsDefault) {
  Parsed command = parse({"run", "--help"});
  ASSERT_TRUE(std::holds_alternative<PrintCommand>(command));
  const std::string& text = std::get<PrintCommand>(command).text;
  for (const char* option : {"--case",       "--variant",        "--threads",
                             "--iterations", "--trials",         "--seed",
                             "--json",       "--source-root",    "--quiet",
                             "--timeout",    "--max-faults",     "--suppressions",
                             "--pin",        "--start",          "--perturb",
                             "--duration",   "--until-ci-width", "--stop-on-detect",
                             "--shard",      "--progress",       "--markdown",
                             "--junit",      "--sarif",          "--html"}) {
    EXPECT_NE(text.find(option), std::string::npos) << option;
  }
  EXPECT_NE(text.find("--timeout arg (=60)"), std::string::npos);
  EXPECT_NE(text.find("--start arg (=hybrid)"), std::string::npos);
  EXPECT_NE(text.find("--perturb arg (=none)"), std::string::npos);
  EXPECT_NE(text.find("else 100000"), std::string::npos);
  EXPECT_NE(text.find("Exit codes"), std::string::npos);
}

TEST(Cli, RerunArgumentsRepeatTheRun) {
  RunOptions o;
  o.cases = {"locked_counter"};
  o.variants = {testing::kPlain};
  o.threads = {2, 4};
  o.trials = 200;
  EXPECT_EQ(
      rerun_arguments("lockstress", o, 42),
      (std::vector<std::string>{"lockstress", "run", "--case", "locked_counter", "--variant",
                                "plain", "--threads", "2,4", "--trials", "200", "--seed", "42"}));
  o.timeout_seconds = 2.5;
  o.max_faults = 9;
  o.suppressions = "t.supp";
  const std::vector<std::string> rerun = rerun_arguments("x", o, 42);
  EXPECT_EQ(std::vector<std::string>(rerun.begin() + 8, rerun.begin() + 14),
            (std::vector<std::string>{"--timeout", "2.5", "--max-faults", "9", "--suppressions",
                                      "t.supp"}));
  Parsed again = parse(std::vector<std::string>(rerun.begin() + 1, rerun.end()));
  ASSERT_TRUE(std::holds_alternative<RunCommand>(again));
  EXPECT_EQ(std::get<RunCommand>(again).options.seed, 42u);
  EXPECT_EQ(std::get<RunCommand>(again).options.timeout_seconds, 2.5);
  EXPECT_EQ(std::get<RunCommand>(again).options.max_faults, 9);
  EXPECT_EQ(std::get<RunCommand>(again).options.suppressions, "t.supp");
}

// A width of 0.00001 was written "1e-05", which the rerun line's own parse refuses, and a timeout
// of 999999.5 s as "1e+06".
TEST(Cli, RerunArgumentsKeepEveryDigitInAFormTheyParseBackFrom) {
  Parsed command =
      parse({"run", "--until-ci-width", "0.00001", "--timeout", "999999.5", "--seed", "1"});
  ASSERT_TRUE(std::holds_alternative<RunCommand>(command));
  const RunOptions& o = std::get<RunCommand>(command).options;
  const std::vector<std::string> rerun = rerun_arguments("x", o, 1);
  EXPECT_NE(std::find(rerun.begin(), rerun.end(), "0.00001"), rerun.end());
  EXPECT_NE(std::find(rerun.begin(), rerun.end(), "999999.5"), rerun.end());
  Parsed again = parse(std::vector<std::string>(rerun.begin() + 1, rerun.end()));
  ASSERT_TRUE(std::holds_alternative<RunCommand>(again)) << error_of(
      std::vector<std::string>(rerun.begin() + 1, rerun.end()));
  EXPECT_EQ(std::get<RunCommand>(again).options.stopping.ci_width, 0.00001);
  EXPECT_EQ(std::get<RunCommand>(again).options.timeout_seconds, 999999.5);
}

// TSAN_OPTIONS changes what TSan reports (suppress_equal_stacks=1 undercounts): a rerun line
// without it would not repeat the run.
TEST(Cli, TheRerunCommandKeepsTheEnvironmentsTsanOptions) {
  Parsed command = parse({"run", "--case", "peterson", "--seed", "7"});
  ASSERT_TRUE(std::holds_alternative<RunCommand>(command));
  const RunOptions& o = std::get<RunCommand>(command).options;
  EXPECT_EQ(rerun_command("lockstress", o, 7, ""), "lockstress run --case peterson --seed 7");
  EXPECT_EQ(rerun_command("lockstress", o, 7, "suppress_equal_stacks=1 history_size=4"),
            "TSAN_OPTIONS='suppress_equal_stacks=1 history_size=4' lockstress run --case "
            "peterson --seed 7");
}

TEST(Cli, ShardTakesASliceOfTheTrialsOfOneSeededRun) {
  Parsed command = parse({"run", "--shard", "2/3", "--seed", "9", "--trials", "10"});
  ASSERT_TRUE(std::holds_alternative<RunCommand>(command));
  const RunOptions& o = std::get<RunCommand>(command).options;
  ASSERT_TRUE(o.shard);
  EXPECT_EQ(o.shard->index, 2);
  EXPECT_EQ(o.shard->count, 3);
  EXPECT_EQ(o.trials, 10);
  EXPECT_EQ(rerun_arguments("x", o, 9).back(), "2/3");
  EXPECT_EQ(error_of({"run", "--shard", "2/3"}),
            "--shard needs --seed, the same in every shard, so that the shards split one run");
  EXPECT_EQ(error_of({"run", "--shard", "3", "--seed", "1"}), "--shard: '3' is not K/N (e.g. 2/4)");
  EXPECT_EQ(error_of({"run", "--shard", "0/3", "--seed", "1"}),
            "--shard: 0 is out of range (1 to 3)");
  EXPECT_EQ(error_of({"run", "--shard", "4/3", "--seed", "1"}),
            "--shard: 4 is out of range (1 to 3)");
  EXPECT_EQ(error_of({"run", "--shard", "1/x", "--seed", "1"}),
            "--shard: 'x' is not a whole number");
  EXPECT_EQ(error_of({"run", "--shard", "1/5", "--seed", "1", "--trials", "4"}),
            "--shard 1/5: 4 trials cannot give each of 5 shards a trial");
  // Each shard would stop on its own trials: merged, the intervals would hold for no rule.
  for (const char* rule : {"--stop-on-detect", "--until-ci-width=0.1"}) {
    EXPECT_EQ(error_of({"run", "--shard", "1/2", "--seed", "1", rule}),
              "--shard cannot go with --until-ci-width or --stop-on-detect: each shard would stop "
              "on its own trials, and the merged intervals would hold for no rule")
        << rule;
  }
}

TEST(Cli, ShardStaysLastInTheRerunCommandWhateverElseIsSet) {
  // merge strips " --shard K/N" from the end of each input's rerun command (merge_context.cpp).
  Parsed command = parse({"run", "--shard", "2/3", "--seed", "9", "--start", "spin", "--perturb",
                          "yield", "--duration", "1m", "--timeout", "5", "--iterations", "100"});
  ASSERT_TRUE(std::holds_alternative<RunCommand>(command));
  const std::vector<std::string> rerun =
      rerun_arguments("x", std::get<RunCommand>(command).options, 9);
  ASSERT_GE(rerun.size(), 2u);
  EXPECT_EQ(rerun[rerun.size() - 2], "--shard");
  EXPECT_EQ(rerun.back(), "2/3");
  Parsed again = parse(std::vector<std::string>(rerun.begin() + 1, rerun.end()));
  ASSERT_TRUE(std::holds_alternative<RunCommand>(again));
  const RunOptions& o = std::get<RunCommand>(again).options;
  EXPECT_EQ(o.start, StartLine::spin);
  EXPECT_EQ(o.perturb, Perturb::yield);
  EXPECT_EQ(o.stopping.duration_seconds, 60.0);
  EXPECT_FALSE(o.trials);  // a time budget: unlimited trials, not the kMaxTrials slice spelled out
}

TEST(Cli, ShardSlicesCoverEveryTrialOnce) {
  for (std::int64_t trials : {1, 7, 200, 1001}) {
    for (std::int64_t count = 1; count <= std::min<std::int64_t>(trials, 9); ++count) {
      std::int64_t next = 0;
      for (std::int64_t k = 1; k <= count; ++k) {
        const TrialSlice slice = shard_slice(trials, {k, count});
        EXPECT_EQ(slice.first, next) << trials << " " << k << "/" << count;
        EXPECT_GE(slice.count, trials / count);
        EXPECT_LE(slice.count, trials / count + 1);
        next = slice.first + slice.count;
      }
      EXPECT_EQ(next, trials);
    }
  }
}

TEST(Cli, EveryOutputAndProgress) {
  Parsed command = parse({"run", "--json", "a", "--markdown", "b", "--junit", "c", "--sarif", "d",
                          "--html", "e", "--progress"});
  ASSERT_TRUE(std::holds_alternative<RunCommand>(command));
  const RunOptions& o = std::get<RunCommand>(command).options;
  EXPECT_EQ(
      o.outputs.json + o.outputs.markdown + o.outputs.junit + o.outputs.sarif + o.outputs.html,
      "abcde");
  EXPECT_TRUE(o.progress);
}

TEST(Cli, MergeTakesFilesAndOutputs) {
  Parsed command = parse({"merge", "a.json", "b.json", "--markdown", "m.md", "-q", "c.json"});
  ASSERT_TRUE(std::holds_alternative<MergeCommand>(command));
  const MergeCommand& m = std::get<MergeCommand>(command);
  EXPECT_EQ(m.inputs, (std::vector<std::string>{"a.json", "b.json", "c.json"}));
  EXPECT_EQ(m.outputs.markdown, "m.md");
  EXPECT_TRUE(m.quiet);
  EXPECT_EQ(error_of({"merge"}), "merge needs at least one summary JSON file");
  EXPECT_NE(error_of({"merge", "a.json", "--trials", "3"}).find("--trials"), std::string::npos);
  EXPECT_TRUE(std::holds_alternative<PrintCommand>(parse({"merge", "--help"})));
}

}  // namespace
}  // namespace lockstress
