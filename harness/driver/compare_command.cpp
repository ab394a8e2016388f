#include "harness/driver/compare_command.hpp"

#include <charconv>
#include <iostream>

#include "harness/driver/error_line.hpp"
#include "harness/ingest/summary_json.hpp"
#include "harness/reporters/comparison_reporter.hpp"
#include "harness/stats/comparison.hpp"

namespace lockstress {
namespace {

constexpr const char* kUsage = "usage: lockstress compare BASE.json NEW.json [--alpha P]";
constexpr double kDefaultAlpha = 0.01;

struct CompareArgs {
  std::string base;
  std::string now;
  double alpha = kDefaultAlpha;
};

Result<CompareArgs> parse(const std::vector<std::string>& args) {
  CompareArgs parsed;
  std::vector<std::string> files;
  for (std::size_t i = 2; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--alpha") {
      if (i + 1 >= args.size()) return Error{"--alpha needs a value between 0 and 1"};
      const std::string& text = args[++i];
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed.alpha);
      if (ec != std::errc() || end != text.data() + text.size() ||
          !(parsed.alpha > 0 && parsed.alpha < 1)) {
        return Error{"--alpha: '" + text + "' is not a number between 0 and 1"};
      }
    } else if (arg.rfind("-", 0) == 0 && arg != "-") {
      return Error{"compare: unknown option '" + arg + "' (" + kUsage + ")"};
    } else {
      files.push_back(arg);
    }
  }
  if (files.size() != 2) {
    return Error{"compare takes two summaries, got " + std::to_string(files.size()) + " (" +
                 kUsage + ")"};
  }
  parsed.base = files[0];
  parsed.now = files[1];
  return parsed;
}

}  // namespace

int compare_command(const std::vector<std::string>& args) {
  if (args.size() == 3 && (args[2] == "--help" || args[2] == "-h")) {
    std::cout
        << kUsage << "\n\n"
        << "Compares two lockstress summaries (--json) cell by cell: for each case, variant,\n"
           "threads and iterations in both, the rates of lost updates (and, in tsan, of\n"
           "sanitizer reports) with their 95% intervals and Fisher's exact p-value.\n"
           "  --alpha P  a change is significant when p < P. Default: 0.01\n"
           "Exit codes: 0 no safe case got worse; 1 a safe case failed more often (any failure\n"
           "where the base had none, or a significant increase); 2 unusable input.\n";
    return kExitPass;
  }
  Result<CompareArgs> parsed = parse(args);
  if (!parsed) return print_error(parsed.error());
  Result<Summary> base = read_summary_file(parsed->base);
  if (!base) return print_error(base.error());
  Result<Summary> now = read_summary_file(parsed->now);
  if (!now) return print_error(now.error());
  Result<Comparison> comparison = compare_summaries(*base, *now, parsed->alpha);
  if (!comparison) {
    return print_error({parsed->base + " and " + parsed->now + ": " + comparison.error().message});
  }
  write_comparison(*comparison, *base, parsed->base, *now, parsed->now, std::cout);
  return comparison->any_safe_got_worse() ? kExitFail : kExitPass;
}

}  // namespace lockstress
