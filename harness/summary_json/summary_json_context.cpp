#include <algorithm>
#include <cctype>

#include "harness/summary_json/summary_json_parts.hpp"

namespace lockstress::summary_json {

Variant read_variant(const Node& name_node, std::optional<Node> detector_node) {
  const std::string name = name_node.text();
  const bool well_formed =
      !name.empty() && name.front() != '_' && name.front() != '-' &&
      std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
      });
  if (!well_formed) {
    name_node.fail("'" + name + "' is not a variant name (letters, digits, '_' and '-')");
  }
  const std::string kind = detector_node ? detector_node->text() : name;
  const std::optional<Detector> detector = parse_detector(kind);
  if (!detector && detector_node) detector_node->fail("unknown detector '" + kind + "'");
  if (!detector) name_node.fail("unknown variant '" + name + "'");
  return {name, *detector};
}

namespace {

// A summary from before variants were a list has the plain and tsan ones' fields only.
std::vector<VariantBuild> read_variant_builds(const Node& build, std::string& compiler,
                                              std::string& c_compiler) {
  auto optional_text = [&](const char* key) { return build.has(key) ? build.at(key).text() : ""; };
  compiler = optional_text("compiler");
  c_compiler = optional_text("c_compiler");
  std::vector<VariantBuild> out;
  if (!build.has("variants")) {
    if (build.has("plain_flags"))
      out.push_back({{"plain", Detector::plain}, optional_text("plain_flags"), ""});
    if (build.has("tsan_flags")) {
      out.push_back(
          {{"tsan", Detector::tsan}, optional_text("tsan_flags"), optional_text("tsan_runtime")});
    }
    return out;
  }
  for (const Node& v : build.at("variants").items()) {
    out.push_back({read_variant(v.at("name"), v.at("detector")), v.at("flags").text(),
                   v.at("runtime").text(), v.has("c_flags") ? v.at("c_flags").text() : ""});
  }
  return out;
}

}  // namespace

namespace {

// Typed as the run chose it; a number is present or null.
StoppingRule read_stopping(const Node& n) {
  StoppingRule rule;
  const auto optional_number = [&](const char* key, double min,
                                   double max) -> std::optional<double> {
    const Node value = n.at(key);
    if (value.raw().is_null()) return std::nullopt;
    const double x = value.number();
    if (!(x >= min && x <= max)) value.fail("out of range");
    return x;
  };
  // 0: a rule read from an older summary's words, whose value was not recovered (legacy_stopping
  // below); written back, it must read again.
  rule.duration_seconds = optional_number("duration_seconds", 0, 1e9);
  rule.ci_width = optional_number("ci_width", 0, 1);
  rule.stop_on_detect = n.at("stop_on_detect").boolean();
  return rule;
}

// A summary written before the rule was typed has only its words (rule_text in stopping.cpp):
// which rules they name is read from them, the only place a rule is read from words. A budget's
// or a width's value is not needed by anything that reads a summary back, and is not recovered.
StoppingRule legacy_stopping(const std::string& words, const std::string& fixed) {
  StoppingRule rule;
  if (words == fixed) return rule;
  if (words.find("time budget") != std::string::npos) rule.duration_seconds = 0;
  if (words.find("narrower than") != std::string::npos) rule.ci_width = 0;
  if (words.find("first detection") != std::string::npos) rule.stop_on_detect = true;
  return rule;
}

}  // namespace

Context read_context(const Node& n) {
  Context c;
  c.lockstress_version = n.at("lockstress_version").text();
  c.command = n.at("command").text();
  c.rerun_command = n.at("rerun_command").text();
  if (n.has("program")) c.program = n.at("program").text();
  c.seed = n.at("seed").unsigned_integer();
  c.cpus = static_cast<int>(n.at("cpus").integer(0, 1 << 20));
  c.online_cpus = static_cast<int>(n.at("online_cpus").integer(0, 1 << 20));
  c.cpu_model = n.at("cpu_model").text();
  c.arch = n.at("arch").text();
  c.os = n.at("os").text();
  c.compiler = n.at("compiler").text();
  c.started_at = n.at("started_at").text();
  c.tsan_options = n.at("tsan_options").text();
  if (n.has("suppressions_file")) c.suppressions_file = n.at("suppressions_file").text();
  // The fingerprint beyond the fields above came later: a summary without it still reads.
  auto optional_text = [&](const Node& from, const char* key) {
    return from.has(key) ? from.at(key).text() : "";
  };
  c.distribution = optional_text(n, "distribution");
  c.kernel_version = optional_text(n, "kernel_version");
  c.libc = optional_text(n, "libc");
  if (n.has("threads_per_core")) {
    c.threads_per_core = static_cast<int>(n.at("threads_per_core").integer(0, 1 << 10));
  }
  if (n.has("cache_line_bytes")) {
    c.cache_line_bytes = static_cast<int>(n.at("cache_line_bytes").integer(0, 1 << 20));
  }
  if (n.has("build")) {
    c.variant_builds = read_variant_builds(n.at("build"), c.runner_compiler, c.runner_c_compiler);
  }
  // So did how the trials ran and stopped; a summary without it ran fixed trials.
  const Context fixed_run;
  if (n.has("start_line")) c.start_line = n.at("start_line").text();
  if (n.has("perturb")) c.perturb = n.at("perturb").text();
  c.stopping_rule = n.has("stopping_rule") ? n.at("stopping_rule").text() : fixed_run.stopping_rule;
  c.stopping = n.has("stopping") ? read_stopping(n.at("stopping"))
                                 : legacy_stopping(c.stopping_rule, fixed_run.stopping_rule);
  c.stopping_note = n.has("stopping_note") ? n.at("stopping_note").text() : fixed_run.stopping_note;
  // And where the code under test came from.
  c.source_root = optional_text(n, "source_root");
  if (n.has("source_control")) {
    const Node source_control = n.at("source_control");
    c.repository_uri = optional_text(source_control, "repository_uri");
    c.revision = optional_text(source_control, "revision");
    c.branch = optional_text(source_control, "branch");
    c.repository_root = optional_text(source_control, "root");
  }
  // And how busy the machine was.
  if (n.has("load_average")) {
    const Node load = n.at("load_average");
    auto average = [&](const char* key) {
      const Node value = load.at(key);
      if (value.raw().is_null()) return -1.0;
      const double number = value.number();
      if (number < 0) value.fail("expected a load average: null or at least 0");
      return number;
    };
    c.load.start = average("start");
    c.load.end = average("end");
    c.load.highest = average("highest");
    c.load.shared_cpus = load.at("shared_cpus").boolean();
  }
  c.binary_arch = optional_text(n, "binary_arch");
  c.emulation = optional_text(n, "emulation");
  return c;
}

}  // namespace lockstress::summary_json
