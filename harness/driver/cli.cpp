#include "harness/driver/cli.hpp"

#include <algorithm>
#include <boost/program_options.hpp>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>

#include "harness/driver/option_table.hpp"
#include "harness/driver/quantities.hpp"
#include "harness/driver/run_validation.hpp"

namespace po = boost::program_options;

namespace lockstress {
namespace {

constexpr double kMaxTimeoutSeconds = 1'000'000;
// Every command, for the messages that say which there are.
constexpr const char* kCommands = "list, run, compare or merge";

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

// run --replay: one schedule of one case in one model variant, at one size.
ReplayRequest replay_request(const po::variables_map& vm, const RunOptions& options) {
  ReplayRequest replay{vm["replay"].as<std::string>(), "", std::nullopt};
  const bool model =
      options.variants.size() == 1 && options.variants[0].detector == Detector::model;
  if (options.cases.size() != 1 || !model) {
    throw Error{"--replay replays a schedule of one --case in one model --variant"};
  }
  if (options.threads.size() > 1 || options.iterations.size() > 1) {
    throw Error{"--replay replays one schedule: one --threads and one --iterations"};
  }
  const OutputPaths& o = options.outputs;
  if (!o.json.empty() || !o.markdown.empty() || !o.junit.empty() || !o.sarif.empty() ||
      !o.html.empty() || options.shard || options.trials) {
    throw Error{"--replay runs one schedule and prints it: no --trials, --shard or output files"};
  }
  if (replay.key.empty() ||
      replay.key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789/") != std::string::npos) {
    throw Error{"--replay: '" + replay.key + "' is no replay key (strategy/memory/dD/kK/sSEED)"};
  }
  if (vm.count("replay-choices")) {
    replay.choices = vm["replay-choices"].as<std::string>();
    if (replay.choices.find_first_not_of("0123456789abcdefghijklmnopqrstuv{}*.") !=
        std::string::npos) {
      throw Error{"--replay-choices: '" + replay.choices + "' is no choice trace"};
    }
  }
  if (vm.count("expect-hash")) {
    const std::string hash = vm["expect-hash"].as<std::string>();
    if (hash.size() != 16 || hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
      throw Error{"--expect-hash: '" + hash + "' is not 16 lower-case hex digits"};
    }
    replay.expect_hash = hash;
  }
  return replay;
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

  if (vm.count("replay")) options.replay = replay_request(vm, options);
  if (!options.replay && (vm.count("replay-choices") || vm.count("expect-hash"))) {
    throw Error{"--replay-choices and --expect-hash go with --replay"};
  }

  if (Result<void> checked = check_run(options, program); !checked) throw checked.error();
  return options;
}

// Parses args[2...] (after "lockstress COMMAND") against `description`; `positional`, if given,
// names the option that collects the words that are no option.
po::variables_map parse_options(const std::vector<std::string>& args,
                                const po::options_description& description,
                                const char* positional = nullptr) {
  po::options_description all = description;
  po::positional_options_description words;
  if (positional) {
    all.add_options()(positional, po::value<std::vector<std::string>>()->composing());
    words.add(positional, -1);
  }
  po::variables_map vm;
  po::store(po::command_line_parser(std::vector<std::string>(args.begin() + 2, args.end()))
                .options(all)
                .positional(words)
                .style(po::command_line_style::unix_style ^ po::command_line_style::allow_guessing)
                .run(),
            vm);
  po::notify(vm);
  return vm;
}

std::vector<std::string> words_of(const po::variables_map& vm, const char* positional) {
  return vm.count(positional) ? vm[positional].as<std::vector<std::string>>()
                              : std::vector<std::string>();
}

// A word on run's command line that is no option: Boost's own message ("too many positional
// options") named neither the word nor what was meant, and ignoring it ran the whole matrix.
Error stray_word(const std::string& word, const Program& program) {
  const std::string hint = program.find_case(word)      ? " (did you mean --case " + word + "?)"
                           : program.find_variant(word) ? " (did you mean --variant " + word + "?)"
                                                        : " (lockstress run --help)";
  return Error{"run: '" + word + "' is not an option" + hint};
}

Command parse_run(const std::vector<std::string>& args, const Program& program) {
  const po::variables_map vm = parse_options(args, run_options(program), "word");
  if (vm.count("word")) throw stray_word(words_of(vm, "word").front(), program);
  if (vm["help"].as<bool>()) return PrintCommand{run_help(program)};
  return RunCommand{to_run_options(vm, program)};
}

Command parse_merge(const std::vector<std::string>& args) {
  const po::variables_map vm = parse_options(args, merge_options(), "input");
  if (vm["help"].as<bool>()) return PrintCommand{merge_help()};
  if (!vm.count("input")) throw Error{"merge needs at least one summary JSON file"};
  return MergeCommand{words_of(vm, "input"), output_paths(vm), vm["quiet"].as<bool>()};
}

Command parse_compare(const std::vector<std::string>& args) {
  const po::variables_map vm = parse_options(args, compare_options(), "summary");
  if (vm["help"].as<bool>()) return PrintCommand{compare_help()};
  const std::vector<std::string> files = words_of(vm, "summary");
  if (files.size() != 2) {
    throw Error{"compare takes two summaries, got " + std::to_string(files.size()) + " (" +
                kCompareUsage + ")"};
  }
  CompareCommand command{files[0], files[1]};
  if (vm.count("alpha")) {
    const std::string& text = vm["alpha"].as<std::string>();
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), command.alpha);
    if (ec != std::errc() || end != text.data() + text.size() ||
        !(command.alpha > 0 && command.alpha < 1)) {
      throw Error{"--alpha: '" + text + "' is not a number between 0 and 1"};
    }
  }
  return command;
}

Command parse_command(const std::vector<std::string>& args, const Program& program) {
  if (args.size() < 2)
    throw Error{std::string("missing command: ") + kCommands + " (lockstress --help)"};
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
  if (command == "compare") return parse_compare(args);
  throw Error{"unknown command '" + command + "': " + kCommands + " (lockstress --help)"};
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

}  // namespace lockstress
