#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/base/exit_codes.hpp"
#include "harness/protocol/variant.hpp"
#include "harness/stats/stopping_rule.hpp"
#include "harness/summary/cell_plan.hpp"
#include "harness/summary/grade.hpp"
#include "harness/summary/machine_load.hpp"
#include "harness/summary/measurement.hpp"

namespace lockstress {

inline constexpr const char* kSummarySchema = "lockstress.summary/1";

// One (case, variant, parameters) cell: what was asked, what was measured, and the grade, each
// built once by the stage that owns it (the planner, the tally or reader or merge, the grading)
// and only read after.
struct CellResult {
  CellPlan plan;
  Measurement measured;
  Grade grade;
};

struct Context {
  std::string lockstress_version;
  std::string command;        // exactly as typed
  std::string rerun_command;  // every choice spelled out, the seed included
  std::uint64_t seed = 0;
  int cpus = 0;  // CPUs this process may run on
  int online_cpus = 0;
  std::string cpu_model;
  std::string arch;
  std::string os;
  std::string compiler;
  std::string started_at;    // ISO 8601, UTC
  std::string tsan_options;  // TSAN_OPTIONS from the environment, which overrides the defaults

  // The rest of the platform fingerprint: what a lock's behaviour can depend on.
  std::string distribution;    // /etc/os-release PRETTY_NAME
  std::string kernel_version;  // uname -v: the kernel's build
  std::string libc;            // "glibc 2.36"
  int threads_per_core = 0;    // SMT: 1 without; 0 unknown
  int cache_line_bytes = 0;    // 0 unknown
  // How the runners were built, as lockstress_add_runner() recorded it (empty: not recorded).
  std::string runner_compiler;
  std::vector<VariantBuild> variant_builds;  // in the program's order of variants

  // How the trials ran and when cells stopped (defaults: a summary that predates them).
  std::string start_line = "hybrid";  // --start
  std::string perturb = "none";       // --perturb
  // The rule cells stopped by (a merge: every rule any input ran under), and what the run that
  // chose it said of it in words (a merge joins the inputs' words).
  StoppingRule stopping{};
  std::string stopping_rule = "fixed: every cell runs the trials asked";
  std::string stopping_note = "Intervals are for the fixed number of trials run.";

  // The code under test: the directory report paths are relative to (--source-root, absolute),
  // and the git checkout it is in (harness/summary/source_control.hpp). Empty when unknown, or
  // in a merge of inputs that differ. (Initialised, so that the tests' positional contexts may
  // stop before them.)
  std::string source_root{};
  std::string repository_uri{};
  std::string revision{};
  std::string branch{};
  std::string repository_root{};  // the checkout's top directory

  MachineLoad load{};  // while the run ran (harness/summary/machine_load.hpp)

  // The architecture the runners were built for, and, when that is not the CPU's, why the run
  // is no evidence of that architecture's memory model (harness/summary/cpu_model.hpp); empty
  // when native.
  std::string binary_arch{};
  std::string emulation{};

  // The runners' C sources' compiler (lockstress_add_runner); empty: the program has none.
  std::string runner_c_compiler{};

  std::string suppressions_file{};  // --suppressions as given; empty: none

  // The program that ran (argv[0]): what a model schedule's replay command starts with. A merge
  // keeps its first input's; a summary from before it was written reads back "lockstress".
  std::string program{"lockstress"};
};

// What a report says beyond a plain fixed run's summary: a start line or perturbation other than
// the default, and a stopping rule (which changes what the intervals mean).
bool ran_unusual_trials(const Context& context);
bool ran_stopping_rule(const Context& context);

// One summary that `lockstress merge` combined into this one, with its own context.
struct MergedInput {
  std::string file;  // as named on the command line
  bool complete = true;
  Context context;
};

struct Summary {
  bool complete = true;
  int interrupted_by = 0;  // the signal that stopped the run early (complete is then false)
  Context context;
  std::vector<CellResult> results;
  std::vector<MergedInput> merged_from;  // empty unless this summary is a merge
  // Outputs that could not be written ("--html out.html", "stdout"), in the order they were
  // tried: the JSON, written last, names the others.
  std::vector<std::string> unwritten_outputs;
};

// 0 all pass; 1 any fail; 4 any error (and no fail); 3 any inconclusive (and neither); 5 when an
// output could not be written, whatever the verdicts; 128 + N when signal N interrupted the run
// (130 SIGINT, 143 SIGTERM), whatever else.
int exit_code(const Summary& summary);

}  // namespace lockstress
