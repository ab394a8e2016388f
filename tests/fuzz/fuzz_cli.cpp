// libFuzzer target: the command line (arguments split at NUL bytes) and a suppressions file (the
// input after the first 0xff byte), as the driver validates them before running anything.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "harness/driver/cli.hpp"
#include "harness/driver/rerun_line.hpp"
#include "harness/driver/suppressions.hpp"
#include "cases/with_control.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lockstress;
  static const std::vector<Case> cases = [] {
    std::vector<Case> list(2);
    list[0].name = "locked_counter";
    list[1].name = "peterson";
    list[1].threads = {2, 2};
    return with_control(list);
  }();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find('\xff');
  const std::string_view command = input.substr(0, split);
  std::vector<std::string> args{"lockstress"};
  std::size_t pos = 0;
  while (pos <= command.size() && args.size() < 64) {
    const std::size_t end = std::min(command.find('\0', pos), command.size());
    args.emplace_back(command.substr(pos, end - pos));
    pos = end + 1;
  }
  const Result<Command> parsed = parse_command_line(args, Program{cases, builtin_variants()});
  if (!parsed && parsed.error().message.empty()) __builtin_trap();
  if (const auto* run = parsed ? std::get_if<RunCommand>(&*parsed) : nullptr) {
    // What the driver would tell the user to rerun must parse to the same run.
    std::vector<std::string> rerun = rerun_arguments("lockstress", run->options, 7);
    const Result<Command> again = parse_command_line(rerun, Program{cases, builtin_variants()});
    if (!again || !std::holds_alternative<RunCommand>(*again)) __builtin_trap();
  }
  if (split != std::string_view::npos) {
    (void)check_suppressions(input.substr(split + 1), "fuzz.supp");
  }
  return 0;
}
