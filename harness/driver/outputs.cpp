#include "harness/driver/outputs.hpp"

#include <iostream>

#include "harness/driver/output_file.hpp"
#include "harness/reporters/reporters.hpp"

namespace lockstress {

std::vector<std::string> write_outputs(const Summary& summary, const RunOptions& options) {
  std::vector<std::string> problems;
  // Files first: a closed stdout (`lockstress run | head`) can end us with SIGPIPE mid-console.
  if (!options.json_path.empty()) {
    if (auto problem = write_atomically(options.json_path,
                                        [&](std::ostream& out) { write_json(summary, out); })) {
      problems.push_back(*problem);
    }
  }
  if (!options.quiet) {
    write_console(summary, std::cout);
    std::cout.flush();
  }
  return problems;
}

}  // namespace lockstress
