#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace lockstress::testing {

struct Ran {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A scratch directory per test process, removed with it.
class Scratch {
 public:
  Scratch() {
    path_ = std::filesystem::temp_directory_path() /
            ("lockstress-test-" + std::to_string(getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(path_);
  }
  ~Scratch() { std::filesystem::remove_all(path_); }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path path_;
};

// Runs `program` with `args` (already shell-quoted where needed), its output to files in
// `scratch`.
inline Ran run_program(const std::string& program, const std::string& args,
                       const Scratch& scratch) {
  const auto out = scratch / "stdout";
  const auto err = scratch / "stderr";
  // A cross build's programs run through its emulator (the cross presets set it), as the driver
  // starts its runners.
  const char* emulator = std::getenv("LOCKSTRESS_EMULATOR");
  const std::string command = std::string(emulator ? emulator : "") + " '" + program + "' " + args +
                              " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  Ran ran;
  ran.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  ran.out = slurp(out);
  ran.err = slurp(err);
  return ran;
}

// Runs the built lockstress with `args`.
inline Ran run_lockstress(const std::string& args, const Scratch& scratch) {
  return run_program(LOCKSTRESS_BINARY, args, scratch);
}

inline const nlohmann::json* find_cell(const nlohmann::json& summary, const std::string& name,
                                       const std::string& variant) {
  for (const nlohmann::json& cell : summary["results"]) {
    if (cell["case"] == name && cell["variant"] == variant) return &cell;
  }
  return nullptr;
}

}  // namespace lockstress::testing
