// lockstress::main as the driver: parses the command line, runs each cell in its variant's runner,
// grades the results, and hands the finished summary to the reporters.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <sstream>

#include "cases/with_control.hpp"
#include "harness/analysis/grading.hpp"
#include "harness/analysis/stopping.hpp"
#include "harness/driver/cli.hpp"
#include "harness/driver/compare_command.hpp"
#include "harness/driver/error_line.hpp"
#include "harness/driver/interrupt.hpp"
#include "harness/driver/last_resort.hpp"
#include "harness/driver/list_command.hpp"
#include "harness/driver/merge_command.hpp"
#include "harness/driver/outputs.hpp"
#include "harness/driver/plan.hpp"
#include "harness/driver/program_build.hpp"
#include "harness/driver/progress.hpp"
#include "harness/driver/replay_run.hpp"
#include "harness/driver/rerun_line.hpp"
#include "harness/driver/run_cell.hpp"
#include "harness/driver/suppressions.hpp"
#include "harness/reporters/escape.hpp"
#include "harness/reporters/reporters.hpp"
#include "harness/summary/context.hpp"
#include "harness/summary/format.hpp"
#include "harness/summary/source_control.hpp"
#include "harness/summary/tsan_overrides.hpp"
#include "lockstress/lockstress.hpp"

namespace lockstress {
namespace {

std::string driver_path(const std::string& argv0) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? argv0 : self.string();
}

// TSan prints absolute paths: a relative --source-root (".") must be made absolute to match them.
std::string absolute_directory(const std::string& path) {
  std::string out = std::filesystem::absolute(path).lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// $LOCKSTRESS_EMULATOR split into words, its program looked up in PATH (the runner is started
// with posix_spawn, which does not search): how a cross build's tests start arm64 runners under
// qemu-user, which cannot execute them itself without binfmt_misc.
std::vector<std::string> emulator_command() {
  std::vector<std::string> words;
  const char* text = std::getenv("LOCKSTRESS_EMULATOR");
  std::istringstream in(text ? text : "");
  for (std::string word; in >> word;) words.push_back(word);
  if (words.empty() || words[0].find('/') != std::string::npos) return words;
  std::istringstream path(std::getenv("PATH") ? std::getenv("PATH") : "");
  for (std::string dir; std::getline(path, dir, ':');) {
    const std::filesystem::path candidate = std::filesystem::path(dir) / words[0];
    if (access(candidate.c_str(), X_OK) == 0) {
      words[0] = candidate.string();
      break;
    }
  }
  return words;
}

int run(const RunOptions& options, const Program& program, const ProgramBuild& build,
        const std::vector<std::string>& args) {
  // Before any output is opened: a signal from now on ends the run with its outputs written.
  catch_interrupts();
  // Before any output is opened: a working directory deleted under lockstress throws here, and
  // main says so in one line, with no output begun.
  const std::string source_root = absolute_directory(
      options.source_root.empty() ? std::filesystem::current_path().string() : options.source_root);
  const std::string self = driver_path(args[0]);
  if (options.replay) {
    return replay_schedule(options, program, runner_path(self, options.variants.front()),
                           emulator_command());
  }
  std::vector<InputFile> inputs{{"lockstress itself", self}};
  for (const Variant& variant : program.variants) {
    inputs.push_back({"the runner", runner_path(self, variant)});
  }
  if (!options.suppressions.empty()) inputs.push_back({"--suppressions", options.suppressions});
  Result<OpenOutputs> outputs = open_outputs(options.outputs, inputs);
  if (!outputs) return print_error(outputs.error());
  std::vector<std::string> tsan_env;
  if (!options.suppressions.empty()) {
    if (Result<void> readable = check_suppressions_file(options.suppressions); !readable) {
      return print_error(readable.error());
    }
    const char* inherited = std::getenv("TSAN_OPTIONS");
    Result<std::string> tsan_options =
        tsan_options_with_suppressions(inherited ? inherited : "", options.suppressions);
    if (!tsan_options) return print_error(tsan_options.error());
    tsan_env.push_back("TSAN_OPTIONS=" + *tsan_options);
  }
  const std::uint64_t seed =
      options.seed.value_or(std::random_device{}() * 0x100000001ULL ^ std::random_device{}());
  CellSettings settings;
  settings.seed = seed;
  settings.start = options.start;
  settings.perturb = options.perturb;
  settings.stopping = options.stopping;
  settings.source_root = source_root;
  settings.timeout = std::chrono::duration<double>(options.timeout_seconds);
  settings.max_faults = options.max_faults;
  settings.emulator = emulator_command();
  settings.tsan_env = tsan_env;
  settings.stop_fd = interrupt_fd();
  settings.on_runner_start = set_running_runner;

  Summary summary;
  summary.context = gather_context(args, seed);
  summary.context.runner_compiler = build.compiler;
  summary.context.runner_c_compiler = build.c_compiler;
  summary.context.variant_builds = build.variants;
  summary.context.rerun_command =
      rerun_command(args[0], options, seed, summary.context.tsan_options);
  summary.context.start_line = to_string(options.start);
  summary.context.suppressions_file = options.suppressions;
  summary.context.perturb = to_string(options.perturb);
  summary.context.stopping = options.stopping;
  summary.context.stopping_rule = rule_text(options.stopping);
  summary.context.stopping_note = interval_note(options.stopping);
  summary.context.source_root = settings.source_root;
  const SourceControl source_control = find_source_control(summary.context.source_root);
  summary.context.repository_uri = source_control.repository_uri;
  summary.context.revision = source_control.revision;
  summary.context.branch = source_control.branch;
  summary.context.repository_root = source_control.root;
  LoadSampler load(summary.context.cpus);
  const std::vector<PlannedCell> plans = plan_cells(program, options);
  // Said before the first cell as well as in the summary: a long run should not be wasted.
  const bool runs_tsan = std::any_of(plans.begin(), plans.end(), [](const PlannedCell& p) {
    return p.plan.variant.info().takes_tsan_options;
  });
  for (const TsanOverride& o : runs_tsan ? attribution_overrides(summary.context.tsan_options)
                                         : std::vector<TsanOverride>{}) {
    std::cerr << "lockstress: warning: TSAN_OPTIONS sets " << terminal_text(o.setting) << ": "
              << terminal_text(o.consequence) << '\n';
  }
  std::int64_t total_trials = 0;
  for (const PlannedCell& planned : plans) total_trials += planned.plan.trials;
  Progress progress(std::cerr,
                    progress_mode(options.quiet, options.progress, isatty(STDERR_FILENO)),
                    total_trials);
  // Under --duration without --trials, a cell has no cap worth showing.
  const bool uncapped = options.stopping.duration_seconds && !options.trials;
  if (options.stopping.duration_seconds) {
    progress.set_time_budget(*options.stopping.duration_seconds);
  }
  const auto started = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const CellPlan& plan = plans[i].plan;
    if (interrupt_signal() != 0) break;
    settings.runner_path = runner_path(self, plan.variant);
    if (options.stopping.duration_seconds) {
      // What is left of the budget, shared by the cells still to run: time a cell leaves unused
      // (it stopped early, or ran every trial) goes to the cells after it.
      const double spent =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      settings.time_limit_seconds = std::max(0.0, *options.stopping.duration_seconds - spent) /
                                    static_cast<double>(plans.size() - i);
    }
    progress.start_cell(cell_label(plan), uncapped ? 0 : plan.trials);
    settings.on_trial = [&](const TrialEvent& trial) {
      progress.trial_done(trial.count != plan.expected_count());
      load.sample();
    };
    settings.on_tick = [&] {
      progress.tick();
      load.sample();
    };
    load.sample();
    summary.results.push_back({plan, run_cell(plans[i], settings), {}});
    load.sample();
    set_running_runner(0);
    progress.end_cell();
  }
  progress.finish();
  summary.context.load = load.finish();
  summary.interrupted_by = interrupt_signal();
  summary.complete = summary.interrupted_by == 0;
  grade_all(summary.results);

  // The same outputs however the run ended.
  deliver(summary, *outputs, options.quiet ? nullptr : &std::cout);
  return exit_code(summary);
}

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

int main_of(int argc, char** argv, std::vector<Case> cases) {
  const std::vector<std::string> args(argv, argv + argc);
  const Result<ProgramBuild> build = program_build();
  if (!build) return print_error(build.error(), kExitError);
  const Program program{with_control(std::move(cases)), variants_of(*build)};
  Result<Command> command = parse_command_line(args, program);
  if (!command) return print_error(command.error());
  return std::visit(
      Overloaded{
          [&](const ListCommand&) { return list_cases(program); },
          [&](const RunCommand& command) { return run(command.options, program, *build, args); },
          [&](const MergeCommand& command) { return merge_command(command, args); },
          [](const CompareCommand& command) { return compare_command(command); },
          [](const PrintCommand& command) {
            std::cout << command.text;
            return kExitPass;
          },
      },
      *command);
}

}  // namespace

int main(int argc, char** argv, std::vector<Case> cases) {
  reserve_standard_streams();
  try {
    return main_of(argc, argv, std::move(cases));
  } catch (...) {
    return print_error(last_resort_error(std::current_exception()), kExitError);
  }
}

}  // namespace lockstress
