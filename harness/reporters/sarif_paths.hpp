#pragma once

#include <string>
#include <vector>

#include "harness/ingest/tsan_report.hpp"
#include "harness/summary/summary.hpp"

namespace lockstress {

// How the SARIF names the files of report paths. %SRCROOT% is the checkout's top directory when
// --source-root is in a git checkout (so that code scanning, which reads paths from the
// repository's root, places them), else --source-root itself.
struct SarifPaths {
  std::string base;                // what %SRCROOT% stands for; empty when unknown
  std::string prefix;              // --source-root below the top: "src/", for paths relative to it
  std::vector<std::string> roots;  // for the absolute paths of report text
};

// The paths of a summary's run; for a merge of inputs from different directories, each input's
// root (its paths relative to its own).
SarifPaths sarif_paths(const Summary& summary);

// A frame of the summary's report locations, which are relative to --source-root where they lie
// below it, with its path made relative to %SRCROOT% wherever it can be.
SourceLocation in_repository(SourceLocation frame, const SarifPaths& paths);

// The file: URI of a directory, ending with '/' as a base URI must (SARIF 3.14.14).
std::string directory_uri(const std::string& path);

}  // namespace lockstress
