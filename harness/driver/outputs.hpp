#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "harness/base/result.hpp"
#include "harness/driver/output_file.hpp"
#include "harness/driver/run_options.hpp"
#include "harness/summary/summary.hpp"

namespace lockstress {

// A file the command reads, which no output may replace: what it is for the message
// ("--suppressions", "the input", "the runner") and its path.
struct InputFile {
  std::string role;
  std::string path;
};

// Every requested output, opened (OutputFile::open) and not yet written.
struct OpenOutputs {
  struct Entry {
    const char* option;  // "--json"
    void (*write)(const Summary&, std::ostream&);
    OutputFile file;
  };
  std::vector<Entry> entries;
};

// Before anything runs: opens every requested output, and refuses (the first problem found) an
// output that cannot be written, two outputs naming one file, and an output that names an input,
// all by device and inode: through a symlink or a hard link as much as by spelling.
Result<OpenOutputs> open_outputs(const OutputPaths& paths, const std::vector<InputFile>& inputs);

// Once the summary is finished, however the run ended: writes the console summary to `console`
// (null: --quiet), then every output, the JSON last. Each one that fails is named on stderr and
// in summary.unwritten_outputs, which makes the exit code kExitOutput, so that the JSON records
// the exit code the process returns. Nothing stops at a failure: the others are still written.
void deliver(Summary& summary, OpenOutputs& outputs, std::ostream* console);

// A closed stdout or stderr (`>&-`) would hand its descriptor to the next file opened, and the
// console summary would land in an output: both are reserved on /dev/null, once, before anything
// is opened, and a closed stdout is remembered as a failed write of the console summary.
void reserve_standard_streams();

}  // namespace lockstress
