#include "harness/driver/outputs.hpp"

#include <filesystem>
#include <ostream>

#include "harness/driver/output_file.hpp"
#include "harness/reporters/reporters.hpp"

namespace lockstress {
namespace {

struct Format {
  const char* option;
  std::string OutputPaths::*path;
  void (*write)(const Summary&, std::ostream&);
};

// Every file format lockstress writes, by the option that asks for it.
constexpr Format kFormats[] = {
    {"--json", &OutputPaths::json, write_json},
    {"--markdown", &OutputPaths::markdown, write_markdown},
    {"--junit", &OutputPaths::junit, write_junit},
    {"--sarif", &OutputPaths::sarif, write_sarif},
    {"--html", &OutputPaths::html, write_html},
};

// Two spellings of one file ("out.json", "./out.json") are the same output.
std::string normal_form(const std::string& path) {
  return std::filesystem::absolute(path).lexically_normal().string();
}

}  // namespace

Result<void> check_outputs(const OutputPaths& paths) {
  std::vector<std::pair<std::string, const char*>> seen;
  for (const Format& format : kFormats) {
    const std::string& path = paths.*format.path;
    if (path.empty()) continue;
    const std::string normal = normal_form(path);
    for (const auto& [other, option] : seen) {
      if (other == normal) {
        return Error{std::string(option) + " and " + format.option + " name the same file " + path};
      }
    }
    seen.emplace_back(normal, format.option);
    if (Result<void> writable = check_writable(path); !writable) {
      return Error{std::string(format.option) + " " + writable.error().message};
    }
  }
  return {};
}

std::vector<Error> write_outputs(const Summary& summary, const OutputPaths& paths) {
  std::vector<Error> problems;
  for (const Format& format : kFormats) {
    const std::string& path = paths.*format.path;
    if (path.empty()) continue;
    Result<void> written =
        write_atomically(path, [&](std::ostream& out) { format.write(summary, out); });
    if (!written) problems.push_back({std::string(format.option) + " " + written.error().message});
  }
  return problems;
}

}  // namespace lockstress
