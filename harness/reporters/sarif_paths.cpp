#include "harness/reporters/sarif_paths.hpp"

#include <algorithm>

#include "harness/summary/source_control.hpp"

namespace lockstress {

SarifPaths sarif_paths(const Summary& summary) {
  const Context& context = summary.context;
  SarifPaths paths;
  paths.base = context.repository_root.empty() ? context.source_root : context.repository_root;
  if (!paths.base.empty()) {
    paths.roots = {paths.base};
    const std::string top = paths.base + (paths.base.back() == '/' ? "" : "/");
    if (context.source_root.rfind(top, 0) == 0) {
      paths.prefix = context.source_root.substr(top.size()) + "/";
    }
    return paths;
  }
  for (const MergedInput& input : summary.merged_from) {
    const std::string& root = input.context.source_root;
    if (!root.empty() &&
        std::find(paths.roots.begin(), paths.roots.end(), root) == paths.roots.end()) {
      paths.roots.push_back(root);
    }
  }
  return paths;
}

SourceLocation in_repository(SourceLocation frame, const SarifPaths& paths) {
  if (frame.file.empty()) return frame;
  if (frame.file.front() != '/') {
    frame.file = paths.prefix + frame.file;
  } else if (!paths.base.empty()) {
    const std::string top = paths.base + (paths.base.back() == '/' ? "" : "/");
    if (frame.file.rfind(top, 0) == 0) frame.file.erase(0, top.size());
  }
  return frame;
}

std::string directory_uri(const std::string& path) {
  return "file://" + percent_encoded_path(path) + (path.back() == '/' ? "" : "/");
}

}  // namespace lockstress
