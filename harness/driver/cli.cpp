#include "harness/driver/cli.hpp"

#include <algorithm>
#include <boost/program_options.hpp>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>

#include "harness/driver/plan.hpp"
#include "harness/driver/quantities.hpp"
#include "harness/summary/summary.hpp"

namespace po = boost::program_options;

namespace lockstress {
namespace {

constexpr double kMaxTimeoutSeconds = 1'000'000;

constexpr const char* kOverview =
    R"(lockstress: stress-tests locks and counters, and shows side by side what each
detector catches: the plain build (lost updates, as the hardware shows them) and
the ThreadSanitizer build (data races, as happens-before analysis sees them).

Usage:
  lockstress list             the cases, with what each expects
  lockstress run [options]    run cases in both variants and print the summary
  lockstress run --help       the options of run
  lockstress compare BASE.json NEW.json
                              compare two summaries cell by cell (--help: more)
  lockstress merge A.json B.json... [outputs]
                              combine summaries (shards of one run, or runs on
                              several machines) into one; see merge --help
  lockstress --version

Exit codes:
  0  every cell passed
  1  a cell failed: a safe case lost updates or drew a sanitizer report, a
     race went uncaught by a detector expected to catch it, or a trial hung or
     crashed
  2  usage error (bad option, unknown case, unwritable output, bad suppressions
     file, a merge input that is not a summary or does not match the others);
     nothing ran
  3  inconclusive: nothing failed, but the race control unsafe_counter was not
     detected in some variant, so clean results there prove nothing
  4  a cell could not run (runner missing or failed, sanitizer runtime error)
  5  an output (a file, or the summary on stdout) could not be written
  128+N     interrupted by signal N: 129 SIGHUP, 130 SIGINT, 138 SIGUSR1,
            140 SIGUSR2, 142 SIGALRM, 143 SIGTERM, 152 SIGXCPU; every output
            written, marked incomplete (SIGQUIT or SIGKILL: stop at once, nothing written)
)";

// Inside this file a bad argument is thrown as an Error, and parse_command_line returns it.
template <class T>
T value_of(std::string_view option, Result<T> parsed) {
  if (!parsed) throw Error{"--" + std::string(option) + ": " + parsed.error().message};
  return std::move(*parsed);
}

template <class Int>
Int parse_number(std::string_view option, const std::string& text, Int min, Int max) {
  return value_of(option, parse_whole_number<Int>(text, min, max));
}

template <class Int>
std::vector<Int> parse_numbers(std::string_view option, const std::vector<std::string>& texts,
                               Int min, Int max) {
  return value_of(option, parse_number_list<Int>(texts, min, max));
}

// The outputs of run and merge: every file is written from the one finished summary.
void add_output_options(po::options_description& options) {
  // clang-format off
  options.add_options()
    ("json", po::value<std::string>(),
     "write the summary as JSON (lockstress.summary/1) to this path. Default: none")
    ("markdown", po::value<std::string>(),
     "write a Markdown summary (for $GITHUB_STEP_SUMMARY or a review comment). Default: none")
    ("junit", po::value<std::string>(),
     "write JUnit XML, a test case per cell. Default: none")
    ("sarif", po::value<std::string>(),
     "write SARIF 2.1.0, a result per unique sanitizer report (code scanning). Default: none")
    ("html", po::value<std::string>(),
     "write a self-contained HTML report with plots. Default: none");
  // clang-format on
}

OutputPaths output_paths(const po::variables_map& vm) {
  auto path = [&](const char* option) {
    if (!vm.count(option)) return std::string();
    const std::string& value = vm[option].as<std::string>();
    if (value.empty()) throw Error{"--" + std::string(option) + ": empty file name"};
    return value;
  };
  return {path("json"), path("markdown"), path("junit"), path("sarif"), path("html")};
}

// "K/N", 1 <= K <= N.
Shard parse_shard(const std::string& text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) throw Error{"--shard: '" + text + "' is not K/N (e.g. 2/4)"};
  Shard shard;
  shard.count = parse_number<std::int64_t>("shard", text.substr(slash + 1), 1, kMaxTrials);
  shard.index = parse_number<std::int64_t>("shard", text.substr(0, slash), 1, shard.count);
  return shard;
}

po::options_description run_options_description(const Program& program) {
  po::options_description run("Options of lockstress run");
  // clang-format off
  run.add_options()
    ("case", po::value<std::vector<std::string>>()->composing(),
     "a case to run (repeat for several; see lockstress list). Default: every case. "
     "The race control unsafe_counter always runs too: it is what makes a clean result mean something")
    ("variant", po::value<std::vector<std::string>>()->composing(),
     (program.variant_names() + " (repeat for several). Default: every one").c_str())
    ("threads", po::value<std::vector<std::string>>()->composing(),
     "worker threads per trial; a list (2,4,8) sweeps them. Default: the case's own (lockstress "
     "list shows it), else 5 within the case's limit")
    ("iterations", po::value<std::vector<std::string>>()->composing(),
     "increments per thread per trial; a list (1000,100000) sweeps them, crossed with --threads. "
     "Default: the case's own, else 100000")
    ("trials", po::value<std::string>(),
     "trials per case, variant and parameter point. Default: the case's own, else 200; with "
     "--duration, no limit")
    ("timeout", po::value<std::string>()->default_value("60"),
     "seconds without progress after which a trial is hung: the runner is killed, the trial "
     "recorded as hung, and the runner restarted at the next trial. Progress is a finished trial "
     "or the case's counter moving, so a slow lock is never hung; the limit grows by 10x the "
     "median time between signs of progress. 0: no watchdog")
    ("max-faults", po::value<std::string>()->default_value(std::to_string(kDefaultMaxFaults)),
     "hung or crashed trials after which a cell stops running")
    ("suppressions", po::value<std::string>(),
     "a ThreadSanitizer suppressions file for the tsan variant (lines type:pattern). Default: none")
    ("seed", po::value<std::string>(),
     "the run's seed (every trial's seed derives from it). Default: a fresh random seed, printed")
    ("pin", po::value<std::string>()->default_value("spread"),
     "spread: pin workers to usable CPUs one physical core at a time, so they really run at once; "
     "compact: fill each core's SMT siblings first (shared L1/L2); none: leave placement to the "
     "scheduler")
    ("start", po::value<std::string>()->default_value("hybrid"),
     "how workers wait at each trial's start line: spin, block, or hybrid (spin briefly, then "
     "block; briefer when threads outnumber CPUs)")
    ("perturb", po::value<std::string>()->default_value("none"),
     "delays injected into each worker, drawn from the trial's seed: none, yield, sleep or random "
     "(docs/running.md: Perturbation)")
    ("duration", po::value<std::string>(),
     "time budget of the whole run (30s, 2m, 500ms), split across cells; --trials then only caps "
     "each cell (and is unlimited unless given). Default: none")
    ("until-ci-width", po::value<std::string>(),
     "stop a cell once every 95% interval it shows is narrower than this (0.05 or 5%); intervals "
     "then account for the stopping (docs/running.md: Stopping rules). Default: off")
    ("stop-on-detect", po::bool_switch(),
     "stop a race cell at its first detection. Default: off")
    ("shard", po::value<std::string>(),
     "K/N: run only the K-th of N slices of the trials (needs --seed, the same in every shard); "
     "lockstress merge combines the shards' JSON. Default: every trial")
    ("source-root", po::value<std::string>()->default_value(""),
     "show source paths in reports relative to this directory. Default: the current directory")
    ("quiet,q", po::bool_switch(), "print nothing on stdout and no progress; the exit code and files still tell. Default: off")
    ("progress", po::bool_switch(),
     "show the progress line on stderr even when it is not a terminal (CI logs), and despite "
     "--quiet. Default: only on a terminal")
    ("help,h", po::bool_switch(), "this help");
  // clang-format on
  add_output_options(run);
  return run;
}

std::string help_text(const po::options_description& description, const std::string& usage) {
  std::ostringstream out;
  out << usage << "\n\n" << description;
  return out.str();
}

// Every planned cell's expected count, threads x iterations, must fit the 64-bit counter.
void check_trial_sizes(const RunOptions& options, const Program& program) {
  for (const PlannedCell& planned : plan_cells(program, options)) {
    const CellPlan& cell = planned.plan;
    std::int64_t increments = 0;
    if (__builtin_mul_overflow(std::int64_t{cell.threads}, cell.iterations, &increments)) {
      throw Error{std::to_string(cell.threads) + " threads x --iterations " +
                  std::to_string(cell.iterations) + " (" + cell.case_name +
                  ") is more increments per trial than a 64-bit count holds"};
    }
  }
}

RunOptions to_run_options(const po::variables_map& vm, const Program& program) {
  RunOptions options;
  if (vm.count("case")) {
    for (const std::string& name : vm["case"].as<std::vector<std::string>>()) {
      if (!program.find_case(name)) {
        throw Error{"unknown case '" + name + "' (lockstress list shows the cases)"};
      }
      if (std::find(options.cases.begin(), options.cases.end(), name) == options.cases.end()) {
        options.cases.push_back(name);
      }
    }
  }
  if (vm.count("variant")) {
    for (const std::string& name : vm["variant"].as<std::vector<std::string>>()) {
      const Variant* variant = program.find_variant(name);
      if (!variant) {
        throw Error{"unknown variant '" + name + "' (" + program.variant_names() + ")"};
      }
      if (std::find(options.variants.begin(), options.variants.end(), *variant) ==
          options.variants.end()) {
        options.variants.push_back(*variant);
      }
    }
  }
  if (vm.count("threads")) {
    options.threads =
        parse_numbers<int>("threads", vm["threads"].as<std::vector<std::string>>(), 1, kMaxThreads);
  }
  if (vm.count("iterations")) {
    options.iterations =
        parse_numbers<std::int64_t>("iterations", vm["iterations"].as<std::vector<std::string>>(),
                                    1, std::numeric_limits<std::int64_t>::max());
  }
  if (vm.count("trials")) {
    options.trials =
        parse_number<std::int64_t>("trials", vm["trials"].as<std::string>(), 1, kMaxTrials);
  }
  if (vm.count("seed")) {
    options.seed = parse_number<std::uint64_t>("seed", vm["seed"].as<std::string>(), 0,
                                               std::numeric_limits<std::uint64_t>::max());
  }
  options.timeout_seconds =
      value_of("timeout", parse_seconds(vm["timeout"].as<std::string>(), kMaxTimeoutSeconds));
  options.max_faults =
      parse_number<std::int64_t>("max-faults", vm["max-faults"].as<std::string>(), 1, kMaxTrials);
  if (vm.count("suppressions")) {
    options.suppressions = vm["suppressions"].as<std::string>();
    if (options.suppressions.empty()) throw Error{"--suppressions: empty file name"};
  }
  std::optional<Pin> pin = parse_pin(vm["pin"].as<std::string>());
  if (!pin) {
    throw Error{"unknown --pin '" + vm["pin"].as<std::string>() + "' (spread, compact or none)"};
  }
  options.pin = *pin;
  std::optional<StartLine> start = parse_start_line(vm["start"].as<std::string>());
  if (!start) {
    throw Error{"unknown --start '" + vm["start"].as<std::string>() + "' (spin, block or hybrid)"};
  }
  options.start = *start;
  std::optional<Perturb> perturb = parse_perturb(vm["perturb"].as<std::string>());
  if (!perturb) {
    throw Error{"unknown --perturb '" + vm["perturb"].as<std::string>() +
                "' (none, yield, sleep or random)"};
  }
  options.perturb = *perturb;
  if (vm.count("duration")) {
    options.stopping.duration_seconds =
        value_of("duration", parse_duration(vm["duration"].as<std::string>()));
  }
  if (vm.count("until-ci-width")) {
    options.stopping.ci_width =
        value_of("until-ci-width", parse_fraction(vm["until-ci-width"].as<std::string>()));
  }
  options.stopping.stop_on_detect = vm["stop-on-detect"].as<bool>();
  options.outputs = output_paths(vm);
  options.source_root = vm["source-root"].as<std::string>();
  options.quiet = vm["quiet"].as<bool>();
  options.progress = vm["progress"].as<bool>();
  if (vm.count("shard")) {
    options.shard = parse_shard(vm["shard"].as<std::string>());
    if (!options.seed) {
      throw Error{
          "--shard needs --seed, the same in every shard, so that the shards split one run"};
    }
    if (options.stopping.ci_width || options.stopping.stop_on_detect) {
      throw Error{
          "--shard cannot go with --until-ci-width or --stop-on-detect: each shard "
          "would stop on its own trials, and the merged intervals would hold for no "
          "rule"};
    }
  }

  for (const Case& c : program.cases) {
    bool selected = options.cases.empty() ? c.runs_by_default
                                          : std::find(options.cases.begin(), options.cases.end(),
                                                      c.name) != options.cases.end();
    // Each case's trials are split among the shards (the control always runs).
    if (options.shard && (selected || c.name == kControlCase) &&
        options.shard->count > planned_trials(c, options)) {
      throw Error{"--shard " + vm["shard"].as<std::string>() + ": " +
                  std::to_string(planned_trials(c, options)) + " trials" +
                  (options.trials ? "" : " (" + c.name + "'s)") + " cannot give each of " +
                  std::to_string(options.shard->count) + " shards a trial"};
    }
    for (int threads : options.threads) {
      if (selected && (threads < c.threads.min || threads > c.threads.max)) {
        throw Error{"--threads " + std::to_string(threads) + " is outside what " + c.name +
                    " allows (" + std::to_string(c.threads.min) + " to " +
                    std::to_string(c.threads.max) + ")" +
                    (options.cases.empty() ? "; name the cases to run with --case" : "")};
      }
    }
  }
  check_trial_sizes(options, program);
  return options;
}

Command parse_run(const std::vector<std::string>& args, const Program& program) {
  po::options_description description = run_options_description(program);
  po::variables_map vm;
  po::store(po::command_line_parser(std::vector<std::string>(args.begin() + 2, args.end()))
                .options(description)
                .style(po::command_line_style::unix_style ^ po::command_line_style::allow_guessing)
                .run(),
            vm);
  po::notify(vm);
  if (vm["help"].as<bool>()) {
    return PrintCommand{help_text(description, "Usage: lockstress run [options]") + "\n" +
                        kOverview + "\n"};
  }
  return RunCommand{to_run_options(vm, program)};
}

Command parse_merge(const std::vector<std::string>& args) {
  po::options_description description("Options of lockstress merge");
  // clang-format off
  description.add_options()
    ("quiet,q", po::bool_switch(), "print nothing on stdout. Default: off")
    ("help,h", po::bool_switch(), "this help");
  // clang-format on
  add_output_options(description);
  po::options_description all = description;
  all.add_options()("input", po::value<std::vector<std::string>>()->composing());
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(std::vector<std::string>(args.begin() + 2, args.end()))
                .options(all)
                .positional(positional)
                .style(po::command_line_style::unix_style ^ po::command_line_style::allow_guessing)
                .run(),
            vm);
  po::notify(vm);
  if (vm["help"].as<bool>()) {
    return PrintCommand{help_text(description,
                                  "Usage: lockstress merge A.json B.json... [options]\n\n"
                                  "Combines summaries written by lockstress run --json: the shards "
                                  "of one run\n(run --shard K/N), or runs of the same cells on "
                                  "several machines. Counts\nare summed, rates and intervals "
                                  "recomputed, verdicts graded again, and each\ninput's context "
                                  "kept. Inputs must hold the same cells (case, variant,\nthreads, "
                                  "iterations, pin). Exit codes as for run.") +
                        "\n"};
  }
  if (!vm.count("input")) throw Error{"merge needs at least one summary JSON file"};
  return MergeCommand{vm["input"].as<std::vector<std::string>>(), output_paths(vm),
                      vm["quiet"].as<bool>()};
}

Command parse_command(const std::vector<std::string>& args, const Program& program) {
  if (args.size() < 2) throw Error{"missing command: list, run or merge (lockstress --help)"};
  const std::string& command = args[1];
  if (command == "--help" || command == "-h" || command == "help") {
    return PrintCommand{std::string(kOverview) + "\n"};
  }
  if (command == "--version") {
    return PrintCommand{std::string("lockstress ") + LOCKSTRESS_VERSION + "\n"};
  }
  if (command == "list") {
    if (args.size() > 2) throw Error{"list takes no arguments"};
    return ListCommand{};
  }
  if (command == "run") return parse_run(args, program);
  if (command == "merge") return parse_merge(args);
  throw Error{"unknown command '" + command + "': list, run or merge (lockstress --help)"};
}

}  // namespace

Result<Command> parse_command_line(const std::vector<std::string>& args, const Program& program) {
  try {
    return result_of([&] { return parse_command(args, program); });
  } catch (const po::error& error) {
    // Boost fills its message's %placeholders% with the offending text, and loops forever when
    // that text holds a placeholder itself ('--x%original_token%'; found by fuzz_cli). Such text
    // is shown with each % as '?', from parsing it again that way.
    const bool has_percent = std::any_of(args.begin(), args.end(), [](const std::string& arg) {
      return arg.find('%') != std::string::npos;
    });
    if (!has_percent) return Error{error.what()};
    std::vector<std::string> shown = args;
    for (std::string& arg : shown) std::replace(arg.begin(), arg.end(), '%', '?');
    Result<Command> again = parse_command_line(shown, program);
    if (!again) return again.error();
    return Error{"bad command line"};
  }
}

std::vector<std::string> rerun_arguments(const std::string& program, const RunOptions& options,
                                         std::uint64_t seed) {
  std::vector<std::string> args{program, "run"};
  for (const std::string& name : options.cases) args.insert(args.end(), {"--case", name});
  for (const Variant& variant : options.variants) {
    args.insert(args.end(), {"--variant", variant.name});
  }
  auto joined = [](const auto& values) {
    std::string out;
    for (const auto& value : values) out += (out.empty() ? "" : ",") + std::to_string(value);
    return out;
  };
  if (!options.threads.empty()) args.insert(args.end(), {"--threads", joined(options.threads)});
  if (options.pin != Pin::spread)
    args.insert(args.end(), {"--pin", std::string(to_string(options.pin))});
  if (options.start != StartLine::hybrid) {
    args.insert(args.end(), {"--start", std::string(to_string(options.start))});
  }
  if (options.perturb != Perturb::none) {
    args.insert(args.end(), {"--perturb", std::string(to_string(options.perturb))});
  }
  if (options.stopping.duration_seconds) {
    args.insert(args.end(), {"--duration", duration_text(*options.stopping.duration_seconds)});
  }
  if (options.stopping.ci_width) {
    std::ostringstream width;
    width << *options.stopping.ci_width;
    args.insert(args.end(), {"--until-ci-width", width.str()});
  }
  if (options.stopping.stop_on_detect) args.push_back("--stop-on-detect");
  if (options.timeout_seconds != kDefaultTimeoutSeconds) {
    std::ostringstream seconds;
    seconds << options.timeout_seconds;
    args.insert(args.end(), {"--timeout", seconds.str()});
  }
  if (options.max_faults != kDefaultMaxFaults) {
    args.insert(args.end(), {"--max-faults", std::to_string(options.max_faults)});
  }
  if (!options.suppressions.empty())
    args.insert(args.end(), {"--suppressions", options.suppressions});
  if (!options.iterations.empty()) {
    args.insert(args.end(), {"--iterations", joined(options.iterations)});
  }
  if (options.trials) args.insert(args.end(), {"--trials", std::to_string(*options.trials)});
  args.insert(args.end(), {"--seed", std::to_string(seed)});
  if (options.shard) {
    args.insert(args.end(), {"--shard", std::to_string(options.shard->index) + "/" +
                                            std::to_string(options.shard->count)});
  }
  return args;
}

}  // namespace lockstress
