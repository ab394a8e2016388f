// The pipelines in ci/ are meant to be copied: every lockstress command line in them must be one
// the real command-line parser accepts, with the case names the built lockstress lists. (yamllint
// checks the YAML itself: tests/CMakeLists.txt.)

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "harness/driver/cli.hpp"
#include "run_lockstress.hpp"

namespace lockstress {
namespace {

// What each CI variable used in the pipelines stands for in one job; an unknown one is an error.
const std::map<std::string, std::string> kVariables{
    {"${{ matrix.shard }}", "2"}, {"${{ github.run_id }}", "9876543210"}, {"$CI_NODE_INDEX", "2"},
    {"$CI_NODE_TOTAL", "4"},      {"$CI_PIPELINE_ID", "123456"},          {"$TRIALS", "800"},
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
    } else {
      check.problems.push_back(where + "not a run or merge command: " + command);
    }
  }
  return check;
}

class CiPipelines : public ::testing::TestWithParam<const char*> {};

TEST_P(CiPipelines, EveryLockstressCommandParses) {
  const std::string yaml = testing::slurp(std::string(LOCKSTRESS_SOURCE_DIR) + "/" + GetParam());
  ASSERT_FALSE(yaml.empty()) << GetParam();
  const Check check = check_commands(yaml, listed_cases());
  EXPECT_GE(check.runs, 1) << "no lockstress run command found";
  EXPECT_GE(check.merges, 1) << "no lockstress merge command found";
  for (const std::string& problem : check.problems) ADD_FAILURE() << GetParam() << " " << problem;
}

INSTANTIATE_TEST_SUITE_P(Ci, CiPipelines,
                         ::testing::Values("ci/github/lockstress.yml",
                                           "ci/gitlab/lockstress.gitlab-ci.yml"));

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
