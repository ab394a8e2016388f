// The pipelines in ci/ are meant to be copied: every lockstress command line in them must be one
// the real command-line parser accepts, with the case names the built lockstress lists. (yamllint
// checks the YAML itself: tests/CMakeLists.txt.)

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "harness/driver/cli.hpp"
#include "run_lockstress.hpp"

namespace lockstress {
namespace {

// What each CI variable used in the pipelines stands for in one job; an unknown one is an error.
const std::map<std::string, std::string> kVariables{
    {"${{ matrix.shard }}", "2"},
    {"${{ github.run_id }}", "9876543210"},
    {"$CI_NODE_INDEX", "2"},
    {"$CI_NODE_TOTAL", "4"},
    {"$CI_PIPELINE_ID", "123456"},
    {"$TRIALS", "800"},
    {"$SHARD", "2"},
    {"$PLATFORM", "arm64"},
};

// The catalogue of the built lockstress, with each case's thread limit, from `lockstress list`.
std::vector<Case> listed_cases() {
  testing::Scratch scratch;
  testing::Ran ran = testing::run_lockstress("list", scratch);
  EXPECT_EQ(ran.exit_code, 0);
  std::vector<Case> cases;
  std::istringstream lines(ran.out);
  for (std::string line; std::getline(lines, line);) {
    Case c;
    c.name = line.substr(0, line.find(' '));
    const std::size_t limit = line.find("[threads ");
    if (limit != std::string::npos) {
      std::sscanf(line.c_str() + limit, "[threads %d-%d]", &c.threads.min, &c.threads.max);
    }
    cases.push_back(c);
  }
  return cases;
}

// Shell words up to the first operator (||, &&, ;, |, a redirection): what the program receives.
std::vector<std::string> shell_words(const std::string& command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < command.size(); ++i) {
    const char c = command[i];
    if (quote) {
      if (c == quote)
        quote = 0;
      else
        word += c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else if (std::string_view("|&;<>").find(c) != std::string_view::npos && !in_word) {
      break;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

struct Check {
  int runs = 0;
  int merges = 0;
  int compares = 0;
  std::vector<std::string> problems;
};

// Finds every line of `yaml` that starts (after a list dash or block indentation) with a program
// named lockstress, joins its backslash continuations, fills in the CI variables, and parses it.
Check check_commands(const std::string& yaml, const std::vector<Case>& cases) {
  Check check;
  std::istringstream lines(yaml);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    std::string command = line.substr(std::min(line.size(), line.find_first_not_of(" -")));
    const std::size_t first_space = command.find(' ');
    const std::string program = command.substr(0, first_space);
    if (program != "lockstress" && !program.ends_with("/lockstress")) continue;
    while (!command.empty() && command.back() == '\\' && std::getline(lines, line)) {
      ++number;
      command.pop_back();
      command += line.substr(std::min(line.size(), line.find_first_not_of(' ')));
    }
    for (const auto& [variable, value] : kVariables) {
      for (std::size_t at; (at = command.find(variable)) != std::string::npos;)
        command.replace(at, variable.size(), value);
    }
    const std::string where = "line " + std::to_string(number) + ": ";
    std::vector<std::string> args = shell_words(command);
    for (const std::string& arg : args) {
      if (arg.find('$') != std::string::npos)
        check.problems.push_back(where + "unknown variable in '" + arg + "'");
    }
    args[0] = "lockstress";
    Result<Command> parsed = parse_command_line(args, Program{cases, builtin_variants()});
    if (!parsed) {
      check.problems.push_back(where + parsed.error().message);
    } else if (std::holds_alternative<RunCommand>(*parsed)) {
      ++check.runs;
    } else if (std::holds_alternative<MergeCommand>(*parsed)) {
      ++check.merges;
    } else if (std::holds_alternative<CompareCommand>(*parsed)) {
      ++check.compares;
    } else {
      check.problems.push_back(where + "not a run, merge or compare command: " + command);
    }
  }
  return check;
}

// A pipeline file and the lockstress commands it must hold: the GitHub workflow runs its shards
// through the composite action (checked below), the GitLab one by hand.
struct Pipeline {
  const char* name;
  const char* path;
  int runs;
  int merges;
  int compares;
};

class CiPipelines : public ::testing::TestWithParam<Pipeline> {};

TEST_P(CiPipelines, EveryLockstressCommandParses) {
  const Pipeline& pipeline = GetParam();
  const std::string yaml = testing::slurp(std::string(LOCKSTRESS_SOURCE_DIR) + "/" + pipeline.path);
  ASSERT_FALSE(yaml.empty()) << pipeline.path;
  const Check check = check_commands(yaml, listed_cases());
  EXPECT_EQ(check.runs, pipeline.runs) << pipeline.path << ": lockstress run commands";
  EXPECT_EQ(check.merges, pipeline.merges) << pipeline.path << ": lockstress merge commands";
  EXPECT_EQ(check.compares, pipeline.compares) << pipeline.path << ": lockstress compare commands";
  for (const std::string& problem : check.problems)
    ADD_FAILURE() << pipeline.path << " " << problem;
}

INSTANTIATE_TEST_SUITE_P(Ci, CiPipelines,
                         ::testing::Values(Pipeline{"github", "ci/github/lockstress.yml", 0, 1, 1},
                                           Pipeline{"gitlab", "ci/gitlab/lockstress.gitlab-ci.yml",
                                                    1, 1, 1}),
                         [](const auto& info) { return std::string(info.param.name); });

// The composite action's run step, run with a stand-in for lockstress that records its arguments:
// the command line it builds from the action's inputs must be one the real parser accepts, and
// mean what the inputs say.
struct ActionRun {
  int status = -1;
  std::vector<std::string> args;  // as lockstress received them, the program first
  std::string outputs;            // what the step wrote to $GITHUB_OUTPUT
  std::string summary;            // and to $GITHUB_STEP_SUMMARY
};

ActionRun run_action(const std::string& inputs, int lockstress_status,
                     const testing::Scratch& scratch) {
  const auto fake = scratch / "lockstress";
  std::ofstream(fake) << "#!/bin/sh\nfor a in \"$0\" \"$@\"; do printf '%s\\n' \"$a\"; done > "
                      << (scratch / "args").string() << "\necho '| cell | verdict |' > "
                      << (scratch / "out" / "summary.md").string() << "\nexit " << lockstress_status
                      << "\n";
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  const std::string command =
      "cd '" + (scratch / "").string() + "' && env -i PATH=/usr/bin:/bin LOCKSTRESS='" +
      fake.string() + "' GITHUB_OUTPUT='" + (scratch / "output").string() +
      "' GITHUB_STEP_SUMMARY='" + (scratch / "summary").string() + "' INPUT_OUTPUTS='" +
      (scratch / "out").string() + "' " + inputs + " '" + LOCKSTRESS_SOURCE_DIR +
      "/ci/github/run-lockstress.sh' >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  ActionRun run;
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::istringstream lines(testing::slurp(scratch / "args"));
  for (std::string line; std::getline(lines, line);) run.args.push_back(line);
  run.outputs = testing::slurp(scratch / "output");
  run.summary = testing::slurp(scratch / "summary");
  return run;
}

TEST(CiAction, TheRunStepsCommandLineParsesAndMeansWhatTheInputsSay) {
  testing::Scratch scratch;
  const ActionRun run = run_action(
      "INPUT_CASES='locked_counter ticket_lock' INPUT_VARIANTS=tsan INPUT_TRIALS=400 "
      "INPUT_SEED=77 INPUT_SHARD=2/4 INPUT_ARGS='--threads 2,4 --pin compact'",
      0, scratch);
  ASSERT_EQ(run.status, 0);
  ASSERT_FALSE(run.args.empty());
  std::vector<std::string> args = run.args;
  args[0] = "lockstress";
  Result<Command> parsed = parse_command_line(args, Program{listed_cases(), builtin_variants()});
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_TRUE(std::holds_alternative<RunCommand>(*parsed));
  const RunOptions& options = std::get<RunCommand>(*parsed).options;
  EXPECT_EQ(options.cases, (std::vector<std::string>{"locked_counter", "ticket_lock"}));
  ASSERT_EQ(options.variants.size(), 1u);
  EXPECT_EQ(options.variants[0].name, "tsan");
  EXPECT_EQ(options.trials, 400);
  EXPECT_EQ(options.seed, 77u);
  ASSERT_TRUE(options.shard);
  EXPECT_EQ(options.threads, (std::vector<int>{2, 4}));
  EXPECT_NE(run.outputs.find("exit-code=0\n"), std::string::npos) << run.outputs;
  EXPECT_NE(run.outputs.find("sarif=" + (scratch / "out" / "lockstress.sarif").string()),
            std::string::npos)
      << run.outputs;
  EXPECT_EQ(run.summary, "| cell | verdict |\n") << "the Markdown summary goes to the job's page";
}

TEST(CiAction, AVerdictFailsTheStepUnlessToldNotToAndAUsageErrorAlways) {
  for (const auto& [inputs, status, expected] :
       std::vector<std::tuple<std::string, int, int>>{{"", 1, 1},
                                                      {"INPUT_FAIL_ON_VERDICT=false", 1, 0},
                                                      {"", 3, 0},
                                                      {"INPUT_FAIL_ON_VERDICT=false", 2, 2}}) {
    testing::Scratch scratch;
    const ActionRun run = run_action(inputs, status, scratch);
    EXPECT_EQ(run.status, expected) << inputs << ", lockstress exit " << status;
    EXPECT_NE(run.outputs.find("exit-code=" + std::to_string(status)), std::string::npos);
  }
  testing::Scratch scratch;
  const ActionRun defaults = run_action("GITHUB_RUN_ID=555", 0, scratch);
  std::vector<std::string> args = defaults.args;
  ASSERT_FALSE(args.empty());
  args[0] = "lockstress";
  Result<Command> parsed = parse_command_line(args, Program{listed_cases(), builtin_variants()});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(std::get<RunCommand>(*parsed).options.seed, 555u) << "the run id seeds every shard";
}

TEST(CiPipelines, TheCheckFindsAWrongOptionAnUnknownVariableAndAWrongShard) {
  const Check check = check_commands(
      "script:\n"
      "  - build/lockstress run --seed 1 \\\n"
      "      --trails 10\n"
      "  - lockstress merge a.json --html \"$REPORT\" || true\n"
      "  - ./lockstress run --shard \"$CI_NODE_INDEX/$CI_NODE_TOTAL\" --json x.json\n"
      "  - echo lockstress run --bogus\n",
      listed_cases());
  ASSERT_EQ(check.problems.size(), 3u);
  EXPECT_EQ(check.problems[0], "line 3: unrecognised option '--trails'");
  EXPECT_EQ(check.problems[1], "line 4: unknown variable in '$REPORT'");
  EXPECT_EQ(
      check.problems[2],
      "line 5: --shard needs --seed, the same in every shard, so that the shards split one run");
  EXPECT_EQ(check.merges, 1);
}

}  // namespace
}  // namespace lockstress
