#include "harness/driver/option_table.hpp"

#include <sstream>

#include "harness/driver/run_options.hpp"

namespace po = boost::program_options;

namespace lockstress {

const char* const kOverview =
    R"(lockstress: stress-tests locks and counters, and shows side by side what each
detector catches: the plain build (lost updates, as the hardware shows them) and
the ThreadSanitizer build (data races, as happens-before analysis sees them).

Usage:
  lockstress list             the cases, with what each expects
  lockstress run [options]    run cases in both variants and print the summary
  lockstress run --help       the options of run
  lockstress compare BASE.json NEW.json [--alpha P]
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

const char* const kCompareUsage = "usage: lockstress compare BASE.json NEW.json [--alpha P]";

namespace {

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

std::string help_text(const po::options_description& description, const std::string& usage) {
  std::ostringstream out;
  out << usage << "\n\n" << description;
  return out.str();
}

}  // namespace

po::options_description run_options(const Program& program) {
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
     "stop a race cell at its first detection, a safe cell at its first failed trial. Default: "
     "off")
    ("shard", po::value<std::string>(),
     "K/N: run only the K-th of N slices of the trials (needs --seed, the same in every shard); "
     "lockstress merge combines the shards' JSON. Default: every trial")
    ("source-root", po::value<std::string>()->default_value(""),
     "show source paths in reports relative to this directory. Default: the current directory")
    ("replay", po::value<std::string>(),
     "KEY: run only the model schedule KEY (strategy/memory/dD/kK/sSEED, as a summary's replay "
     "command gives it) of one --case in one model --variant, and print its counterexample "
     "(docs/model.md: Replay). Default: none")
    ("replay-choices", po::value<std::string>(),
     "with --replay: the schedule's recorded choices, followed before its seed. Default: none")
    ("expect-hash", po::value<std::string>(),
     "with --replay: the trace hash the schedule must reproduce; another one exits 6. Default: "
     "none checked")
    ("quiet,q", po::bool_switch(), "print nothing on stdout and no progress; the exit code and files still tell. Default: off")
    ("progress", po::bool_switch(),
     "show the progress line on stderr even when it is not a terminal (CI logs), and despite "
     "--quiet. Default: only on a terminal")
    ("help,h", po::bool_switch(), "this help");
  // clang-format on
  add_output_options(run);
  return run;
}

po::options_description merge_options() {
  po::options_description description("Options of lockstress merge");
  // clang-format off
  description.add_options()
    ("quiet,q", po::bool_switch(), "print nothing on stdout. Default: off")
    ("help,h", po::bool_switch(), "this help");
  // clang-format on
  add_output_options(description);
  return description;
}

po::options_description compare_options() {
  po::options_description description("Options of lockstress compare");
  // clang-format off
  description.add_options()
    ("alpha", po::value<std::string>(),
     "a change is significant when Fisher's exact p < P (between 0 and 1). Default: 0.01")
    ("help,h", po::bool_switch(), "this help");
  // clang-format on
  return description;
}

std::string run_help(const Program& program) {
  return help_text(run_options(program), "Usage: lockstress run [options]") + "\n" + kOverview +
         "\n";
}

std::string merge_help() {
  return help_text(merge_options(),
                   "Usage: lockstress merge A.json B.json... [options]\n\n"
                   "Combines summaries written by lockstress run --json: the shards of one run\n"
                   "(run --shard K/N), or runs of the same cells on several machines. Counts\n"
                   "are summed, rates and intervals recomputed, verdicts graded again, and each\n"
                   "input's context kept. Inputs must hold the same cells (case, variant,\n"
                   "threads, iterations, pin). Exit codes as for run.") +
         "\n";
}

std::string compare_help() {
  return help_text(
             compare_options(),
             std::string(kCompareUsage) +
                 "\n\n"
                 "Compares two lockstress summaries (--json) cell by cell: for each case, "
                 "variant,\nthreads and iterations in both, the rates of lost updates (and, "
                 "in tsan, of\nsanitizer reports) with their 95% intervals and Fisher's exact "
                 "p-value.\nExit codes: 0 no safe case got worse; 1 a safe case failed more "
                 "often (any failure\nwhere the base had none, or a significant increase); 2 "
                 "unusable input.") +
         "\n";
}

}  // namespace lockstress
