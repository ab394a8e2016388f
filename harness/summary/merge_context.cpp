#include "harness/summary/merge_context.hpp"

#include <algorithm>

namespace lockstress {
namespace {

template <class T>
T common(const std::vector<MergedInput>& inputs, T Context::*field, T differing) {
  for (const MergedInput& input : inputs) {
    if (input.context.*field != inputs[0].context.*field) return differing;
  }
  return inputs[0].context.*field;
}

std::string joined(const std::vector<MergedInput>& inputs, std::string Context::*field) {
  std::vector<std::string> distinct;
  for (const MergedInput& input : inputs) {
    if (std::find(distinct.begin(), distinct.end(), input.context.*field) == distinct.end()) {
      distinct.push_back(input.context.*field);
    }
  }
  std::string out;
  for (const std::string& value : distinct) out += (out.empty() ? "" : " | ") + value;
  return out;
}

// Each variant any input had, in order of first appearance; its flags and runtime joined as text
// is.
std::vector<VariantBuild> merged_builds(const std::vector<MergedInput>& inputs) {
  std::vector<VariantBuild> out;
  const auto join = [](std::string& into, const std::string& value) {
    if (into == value || value.empty()) return;
    const std::string separated = " | " + into + " | ";
    if (!into.empty() && separated.find(" | " + value + " | ") != std::string::npos) return;
    into += (into.empty() ? "" : " | ") + value;
  };
  for (const MergedInput& input : inputs) {
    for (const VariantBuild& b : input.context.variant_builds) {
      auto it = std::find_if(out.begin(), out.end(),
                             [&](const VariantBuild& o) { return o.variant == b.variant; });
      if (it == out.end()) {
        out.push_back(b);
        continue;
      }
      join(it->flags, b.flags);
      join(it->runtime, b.runtime);
      join(it->c_flags, b.c_flags);
    }
  }
  return out;
}

// Every rule any input ran under: the longest budget, the narrowest width.
StoppingRule merged_stopping(const std::vector<MergedInput>& inputs) {
  StoppingRule out;
  for (const MergedInput& input : inputs) {
    const StoppingRule& r = input.context.stopping;
    if (r.duration_seconds) {
      out.duration_seconds = std::max(out.duration_seconds.value_or(0), *r.duration_seconds);
    }
    if (r.ci_width) out.ci_width = std::min(out.ci_width.value_or(1), *r.ci_width);
    out.stop_on_detect = out.stop_on_detect || r.stop_on_detect;
  }
  return out;
}

// "... --seed 5 --shard 2/4" -> "... --seed 5": rerun_arguments puts --shard last.
std::string without_shard(const std::string& command) {
  const std::size_t at = command.rfind(" --shard ");
  if (at == std::string::npos) return command;
  const std::string rest = command.substr(at + 9);
  const bool shard_only =
      !rest.empty() && rest.find_first_not_of("0123456789/") == std::string::npos;
  return shard_only ? command.substr(0, at) : command;
}

// The earliest input's start, the latest's end, the highest of all: the machines were as busy as
// the busiest of them. Each input's own stays in merged_from.
MachineLoad merge_loads(const std::vector<MergedInput>& inputs) {
  const auto by_start = [](const MergedInput& a, const MergedInput& b) {
    return a.context.started_at < b.context.started_at;
  };
  MachineLoad load;
  load.start = std::min_element(inputs.begin(), inputs.end(), by_start)->context.load.start;
  load.end = std::max_element(inputs.begin(), inputs.end(), by_start)->context.load.end;
  for (const MergedInput& input : inputs) {
    load.highest = std::max(load.highest, input.context.load.highest);
    load.shared_cpus = load.shared_cpus || input.context.load.shared_cpus;
  }
  return load;
}

}  // namespace

Context merge_contexts(const std::vector<MergedInput>& inputs) {
  Context c;
  c.lockstress_version = joined(inputs, &Context::lockstress_version);
  c.seed = common(inputs, &Context::seed, std::uint64_t{0});
  c.cpus = common(inputs, &Context::cpus, 0);
  c.online_cpus = common(inputs, &Context::online_cpus, 0);
  c.cpu_model = joined(inputs, &Context::cpu_model);
  c.arch = joined(inputs, &Context::arch);
  c.os = joined(inputs, &Context::os);
  c.compiler = joined(inputs, &Context::compiler);
  c.tsan_options = joined(inputs, &Context::tsan_options);
  c.suppressions_file = joined(inputs, &Context::suppressions_file);
  c.distribution = joined(inputs, &Context::distribution);
  c.kernel_version = joined(inputs, &Context::kernel_version);
  c.libc = joined(inputs, &Context::libc);
  c.threads_per_core = common(inputs, &Context::threads_per_core, 0);
  c.cache_line_bytes = common(inputs, &Context::cache_line_bytes, 0);
  c.runner_compiler = joined(inputs, &Context::runner_compiler);
  c.runner_c_compiler = joined(inputs, &Context::runner_c_compiler);
  c.variant_builds = merged_builds(inputs);
  c.start_line = joined(inputs, &Context::start_line);
  c.perturb = joined(inputs, &Context::perturb);
  c.stopping = merged_stopping(inputs);
  c.stopping_rule = joined(inputs, &Context::stopping_rule);
  c.stopping_note = joined(inputs, &Context::stopping_note);
  // One checkout's, or none: a joined path or commit would name no checkout at all.
  c.source_root = common(inputs, &Context::source_root, std::string());
  c.repository_uri = common(inputs, &Context::repository_uri, std::string());
  c.revision = common(inputs, &Context::revision, std::string());
  c.branch = common(inputs, &Context::branch, std::string());
  c.repository_root = common(inputs, &Context::repository_root, std::string());
  c.started_at = inputs[0].context.started_at;
  for (const MergedInput& input : inputs)
    c.started_at = std::min(c.started_at, input.context.started_at);
  c.load = merge_loads(inputs);
  c.binary_arch = joined(inputs, &Context::binary_arch);
  // Any input emulated makes the merge no evidence of the emulated architecture either.
  for (const MergedInput& input : inputs) {
    const std::string& emulation = input.context.emulation;
    if (!emulation.empty() && c.emulation.find(emulation) == std::string::npos) {
      c.emulation += (c.emulation.empty() ? "" : " | ") + emulation;
    }
  }
  const std::string rerun = without_shard(inputs[0].context.rerun_command);
  const bool one_run = std::all_of(inputs.begin(), inputs.end(), [&](const MergedInput& input) {
    return without_shard(input.context.rerun_command) == rerun;
  });
  c.rerun_command = one_run ? rerun : "";
  c.program = inputs[0].context.program;
  return c;
}

}  // namespace lockstress
