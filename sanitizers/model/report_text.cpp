#include "sanitizers/model/report_text.hpp"

#include <dlfcn.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "sanitizers/model/trace.hpp"

extern char** environ;

namespace lockstress::model {
namespace {

// One llvm-symbolizer per process, started on first use and kept: starting it costs ~50 ms.
struct Symbolizer {
  FILE* to = nullptr;
  FILE* from = nullptr;
  bool tried = false;

  bool start() {
    if (tried) return to != nullptr;
    tried = true;
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) return false;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, in[1]);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    const char* path = std::getenv("LLVM_SYMBOLIZER_PATH");
    std::string program = path && *path ? path : "llvm-symbolizer";
    char* argv[] = {program.data(), const_cast<char*>("--inlining=true"),
                    const_cast<char*>("--demangle"), nullptr};
    pid_t pid = 0;
    const int error = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(out[1]);
    if (error != 0) {
      close(in[1]);
      close(out[0]);
      return false;
    }
    to = fdopen(in[1], "w");
    from = fdopen(out[0], "r");
    return to && from;
  }

  // The global a data address lies in: "name" or "name+offset"; empty when not a global.
  std::string data(const char* module, std::uintptr_t offset) {
    std::fprintf(to, "DATA \"%s\" 0x%llx\n", module, static_cast<unsigned long long>(offset));
    std::fflush(to);
    char name[4096], range[256], blank[16];
    if (!std::fgets(name, sizeof name, from) || !std::fgets(range, sizeof range, from) ||
        !std::fgets(blank, sizeof blank, from)) {
      return {};
    }
    std::string symbol(name);
    if (!symbol.empty() && symbol.back() == '\n') symbol.pop_back();
    unsigned long long start = 0, size = 0;
    if (symbol == "??" || std::sscanf(range, "%llu %llu", &start, &size) != 2 || offset < start ||
        offset >= start + std::max<unsigned long long>(size, 1)) {
      return {};
    }
    return offset == start ? symbol : symbol + "+" + std::to_string(offset - start);
  }

  // Frames for one pc: "function file:line:col", innermost first.
  std::vector<std::string> frames(const char* module, std::uintptr_t offset) {
    std::vector<std::string> out;
    std::fprintf(to, "\"%s\" 0x%llx\n", module, static_cast<unsigned long long>(offset));
    std::fflush(to);
    char function[4096], where[4096];
    for (;;) {
      if (!std::fgets(function, sizeof function, from)) break;
      std::string_view f(function);
      if (f == "\n") break;
      if (!std::fgets(where, sizeof where, from)) break;
      std::string fn(f.substr(0, f.size() - 1));
      std::string at(where);
      if (!at.empty() && at.back() == '\n') at.pop_back();
      if (at.rfind("??", 0) == 0) at = "<null>";
      out.push_back(fn + " " + at);
    }
    return out;
  }
};

Symbolizer& symbolizer() {
  static Symbolizer instance;
  return instance;
}

}  // namespace

std::vector<std::string> symbolize(const std::vector<std::uintptr_t>& stack) {
  std::vector<std::string> out;
  for (std::uintptr_t pc : stack) {
    const std::uintptr_t call = pc - 1;  // inside the call instruction, not after it
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(call), &info) == 0 || info.dli_fname == nullptr) {
      out.push_back("<unknown> <null>");
      continue;
    }
    const auto offset = call - reinterpret_cast<std::uintptr_t>(info.dli_fbase);
    std::vector<std::string> frames;
    if (symbolizer().start()) frames = symbolizer().frames(info.dli_fname, offset);
    if (frames.empty()) {
      frames.push_back(std::string(info.dli_sname ? info.dli_sname : "<unknown>") + " (" +
                       info.dli_fname + "+0x" + hex(offset) + ")");
    }
    out.insert(out.end(), frames.begin(), frames.end());
  }
  return out;
}

void name_locations(ScheduleResult& schedule) {
  schedule.location_names.clear();
  for (const Event& event : schedule.events) {
    if (event.location < 0) continue;
    const auto id = static_cast<std::size_t>(event.location);
    if (schedule.location_names.size() <= id) schedule.location_names.resize(id + 1);
    std::string& name = schedule.location_names[id];
    if (!name.empty()) continue;
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(event.address), &info) != 0 && info.dli_fname != nullptr &&
        symbolizer().start()) {
      name = symbolizer().data(info.dli_fname,
                               event.address - reinterpret_cast<std::uintptr_t>(info.dli_fbase));
    }
    if (name.empty()) name = "#" + std::to_string(id) + " at 0x" + hex(event.address);
  }
}

std::string counterexample_text(ScheduleResult& schedule) {
  name_locations(schedule);
  std::string out = "schedule " + replay_key(schedule.options) + ": " +
                    std::to_string(schedule.steps) + " steps, " +
                    std::to_string(schedule.switches) + " hand-offs, trace " +
                    hex(schedule.trace_hash) + "\n";
  if (!schedule.choices.empty()) out += "choices " + schedule.choices + "\n";
  out += counterexample_table(schedule.events, schedule.location_names);
  if (schedule.deadlock) out += "deadlock: no thread can run\n" + blocked_text(schedule);
  if (schedule.livelock)
    out += "livelock: the step limit ended the schedule\n" + blocked_text(schedule);
  if (!schedule.error.empty()) out += schedule.error + "\n" + blocked_text(schedule);
  return out;
}

namespace {

std::string describe(const AccessReport& access, bool previous) {
  std::string kind =
      std::string(access.atomic ? "atomic " : "") + (access.write ? "write" : "read");
  if (previous) {
    kind = "Previous " + kind;
  } else {
    kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
  }
  char address[32];
  std::snprintf(address, sizeof address, "0x%llx", static_cast<unsigned long long>(access.address));
  std::string out = "  " + kind + " of size " + std::to_string(access.size) + " at " + address +
                    " by thread T" + std::to_string(access.thread) + " (step " +
                    std::to_string(access.step) + "):\n";
  int n = 0;
  for (const std::string& frame : symbolize(access.stack)) {
    out += "    #" + std::to_string(n++) + " " + frame + "\n";
  }
  return out + "\n";
}

}  // namespace

std::string race_text(const RaceReport& race, const ScheduleResult& schedule) {
  std::string out = "WARNING: ThreadSanitizer: data race (pid=" + std::to_string(getpid()) + ")\n";
  out += "  Found by the lockstress model, not by ThreadSanitizer: schedule " +
         replay_key(schedule.options) + ", trace " + hex(schedule.trace_hash) + "\n";
  out += describe(race.current, false);
  out += describe(race.previous, true);
  const std::vector<std::string> top = symbolize({race.current.stack.front()});
  if (!top.empty()) {
    // TSan's form: "SUMMARY: ThreadSanitizer: data race file:line:col in function".
    const std::string& frame = top.front();
    const std::size_t space = frame.rfind(' ');
    out += "SUMMARY: ThreadSanitizer: data race " + frame.substr(space + 1) + " in " +
           frame.substr(0, space) + "\n";
  }
  return out;
}

std::string deadlock_text(const ScheduleResult& schedule) {
  return "WARNING: ThreadSanitizer: deadlock (pid=" + std::to_string(getpid()) + ")\n" +
         "  Found by the lockstress model, not by ThreadSanitizer: no thread can go on in "
         "schedule " +
         replay_key(schedule.options) + ", trace " + hex(schedule.trace_hash) + "\n" +
         blocked_text(schedule);
}

std::string blocked_text(const ScheduleResult& schedule) {
  std::string out;
  for (const BlockedThread& thread : schedule.blocked) {
    out += "  Thread T" + std::to_string(thread.thread) + " waits in " + thread.call + ":\n";
    int n = 0;
    for (const std::string& frame : symbolize(thread.stack)) {
      out += "    #" + std::to_string(n++) + " " + frame + "\n";
    }
  }
  return out;
}

}  // namespace lockstress::model
