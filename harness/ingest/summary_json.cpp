#include "harness/ingest/summary_json.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "harness/ingest/summary_invariants.hpp"
#include "harness/signal_name.hpp"
#include "harness/stats/stopping.hpp"
#include "lockstress/case.hpp"

namespace lockstress {
namespace {

using nlohmann::json;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

// One JSON value and where it sits in the document ("results[2].sanitizer"), for error messages.
class Node {
 public:
  Node(const json& value, std::string path) : value_(value), path_(std::move(path)) {}

  Node at(const char* key) const {
    if (!value_.is_object()) fail("expected an object");
    auto it = value_.find(key);
    if (it == value_.end()) throw Error{child_path(key) + ": missing"};
    return Node(*it, child_path(key));
  }
  bool has(const char* key) const { return value_.is_object() && value_.contains(key); }

  std::vector<Node> items() const {
    if (!value_.is_array()) fail("expected an array");
    std::vector<Node> out;
    for (std::size_t i = 0; i < value_.size(); ++i) {
      out.emplace_back(value_[i], path_ + "[" + std::to_string(i) + "]");
    }
    return out;
  }

  std::string text() const {
    if (!value_.is_string()) fail("expected a string");
    return value_.get<std::string>();
  }
  bool boolean() const {
    if (!value_.is_boolean()) fail("expected true or false");
    return value_.get<bool>();
  }
  std::int64_t integer(std::int64_t min = 0, std::int64_t max = kMax) const {
    if (!value_.is_number_integer()) fail("expected a whole number");
    if (value_.is_number_unsigned() && value_.get<std::uint64_t>() > std::uint64_t(kMax)) {
      fail("out of range");
    }
    const std::int64_t v = value_.get<std::int64_t>();
    if (v < min || v > max) {
      fail(std::to_string(v) + " is out of range (" + std::to_string(min) + " to " +
           std::to_string(max) + ")");
    }
    return v;
  }
  std::uint64_t unsigned_integer() const {
    if (!value_.is_number_unsigned() &&
        !(value_.is_number_integer() && value_.get<std::int64_t>() >= 0)) {
      fail("expected a non-negative whole number");
    }
    return value_.get<std::uint64_t>();
  }
  double number() const {
    if (!value_.is_number()) fail("expected a number");
    return value_.get<double>();
  }
  const json& raw() const { return value_; }
  const std::string& path() const { return path_; }
  [[noreturn]] void fail(const std::string& problem) const { throw Error{path_ + ": " + problem}; }

 private:
  std::string child_path(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  const json& value_;
  std::string path_;
};

// A variant's name and its kind of detector; a summary from before variants had kinds of their own
// names only plain and tsan, each of its own kind (`detector` absent).
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

// A summary from before variants were a list has the plain and tsan ones' fields only.
std::vector<VariantBuild> read_variant_builds(const Node& build, std::string& compiler) {
  auto optional_text = [&](const char* key) { return build.has(key) ? build.at(key).text() : ""; };
  compiler = optional_text("compiler");
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
                   v.at("runtime").text()});
  }
  return out;
}

Context read_context(const Node& n) {
  Context c;
  c.lockstress_version = n.at("lockstress_version").text();
  c.command = n.at("command").text();
  c.rerun_command = n.at("rerun_command").text();
  c.seed = n.at("seed").unsigned_integer();
  c.cpus = static_cast<int>(n.at("cpus").integer(0, 1 << 20));
  c.online_cpus = static_cast<int>(n.at("online_cpus").integer(0, 1 << 20));
  c.cpu_model = n.at("cpu_model").text();
  c.arch = n.at("arch").text();
  c.os = n.at("os").text();
  c.compiler = n.at("compiler").text();
  c.started_at = n.at("started_at").text();
  c.tsan_options = n.at("tsan_options").text();
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
  if (n.has("build")) c.variant_builds = read_variant_builds(n.at("build"), c.runner_compiler);
  // So did how the trials ran and stopped; a summary without it ran fixed trials.
  const Context fixed_run;
  if (n.has("start_line")) c.start_line = n.at("start_line").text();
  if (n.has("perturb")) c.perturb = n.at("perturb").text();
  c.stopping_rule = n.has("stopping_rule") ? n.at("stopping_rule").text() : fixed_run.stopping_rule;
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

Expect read_expectation(const Node& n) {
  const std::string kind = n.at("expectation").text();
  if (kind == "safe") return Expect::safe;
  if (kind != "race") n.at("expectation").fail("expected \"race\" or \"safe\"");
  std::vector<Detector> by;
  for (const Node& detector : n.at("caught_by").items()) {
    const std::string name = detector.text();
    std::optional<Detector> parsed = parse_detector(name);
    if (!parsed) detector.fail("unknown detector '" + name + "'");
    by.push_back(*parsed);
  }
  Expect expect = Expect::race_caught_by(by, n.at("blind_spot").text());
  for (const DetectorInfo& detector : kDetectors) {
    if (detector.expected_report) {
      expect.*detector.expected_report =
          n.at((std::string(detector.name) + "_report").c_str()).text();
    }
  }
  return expect;
}

std::vector<TrialRange> read_trial_ranges(const Node& n, std::int64_t trials) {
  std::vector<TrialRange> out;
  std::int64_t total = 0;
  for (const Node& r : n.items()) {
    TrialRange range{r.at("seed").unsigned_integer(), r.at("first").integer(),
                     r.at("count").integer(1, trials)};
    if (range.first > kMax - range.count) r.at("first").fail("out of range");
    total += range.count;
    out.push_back(range);
  }
  if (total != trials)
    n.fail("holds " + std::to_string(total) + " trials, not " + std::to_string(trials));
  return out;
}

std::vector<SourceLocation> read_locations(const Node& n) {
  std::vector<SourceLocation> out;
  for (const Node& l : n.items()) {
    out.push_back({l.at("function").text(), l.at("file").text(),
                   static_cast<int>(l.at("line").integer(0, 1 << 30)),
                   static_cast<int>(l.at("column").integer(0, 1 << 30))});
  }
  return out;
}

// A max/min ratio, or null for infinite (see the JSON reporter); 0 only when nothing was measured.
double read_ratio(const Node& n, std::int64_t trials) {
  if (n.raw().is_null()) return std::numeric_limits<double>::infinity();
  const double value = n.number();
  if (trials > 0 && !(value >= 1)) n.fail("a max/min ratio is at least 1");
  return value;
}

Fairness read_fairness(const Node& n, std::int64_t trials) {
  Fairness f;
  f.trials = n.at("trials").integer(0, trials);
  f.unjudged_trials = n.at("unjudged_trials").integer(0, trials - f.trials);
  f.median_ratio = read_ratio(n.at("median_ratio"), f.trials);
  f.worst_ratio = read_ratio(n.at("worst_ratio"), f.trials);
  f.unfair_trials = n.at("unfair_trials").integer(0, f.trials);
  f.starved_trials = n.at("starved_trials").integer(0, f.trials);
  f.worst_trial = n.at("worst_trial").integer(-1);
  for (const Node& a : n.at("worst_acquisitions").items()) {
    f.worst_acquisitions.push_back(a.integer());
  }
  return f;
}

// The rates are written for people; the counts and the total are what is read back.
Overlap read_overlap(const Node& n, std::int64_t trials) {
  Overlap o;
  o.measured_trials = n.at("trials_measured").integer(0, trials);
  o.trials_with_overlap = n.at("trials_with_overlap").integer(0, o.measured_trials);
  o.total_overlap_ns = n.at("total_overlap_ns").integer();
  return o;
}

Verdict read_verdict(const Node& n) {
  const std::string name = n.text();
  for (Verdict v : {Verdict::pass, Verdict::fail, Verdict::inconclusive, Verdict::error}) {
    if (to_string(v) == name) return v;
  }
  n.fail("unknown verdict '" + name + "'");
}

TrialFault read_fault(const Node& n) {
  TrialFault f;
  const std::string kind = n.at("kind").text();
  if (kind == "hung")
    f.kind = TrialFault::Kind::hung;
  else if (kind == "crashed")
    f.kind = TrialFault::Kind::crashed;
  else
    n.at("kind").fail("unknown fault '" + kind + "' (hung or crashed)");
  f.trial = n.at("trial").integer(0);
  f.seed = n.at("seed").unsigned_integer();
  f.cause = n.at("cause").text();
  f.output = n.at("output").text();
  return f;
}

CellResult read_cell(const Node& n) {
  CellResult c;
  c.case_name = n.at("case").text();
  c.description = n.at("description").text();
  c.variant = read_variant(
      n.at("variant"), n.has("detector") ? std::optional<Node>(n.at("detector")) : std::nullopt);
  c.threads = static_cast<int>(n.at("threads").integer(1, kMaxThreads));
  c.iterations = n.at("iterations").integer(1);
  c.trials_requested = n.at("trials_requested").integer();
  c.trials = n.at("trials").integer();
  c.trial_ranges = read_trial_ranges(n.at("trial_ranges"), c.trials);
  c.expected_count = n.at("expected_count").integer();

  const Node placement = n.at("placement");
  c.pin = placement.at("pin").text();
  for (const Node& cpu : placement.at("worker_cpus").items()) {
    c.worker_cpus.push_back(static_cast<int>(cpu.integer(-1, 1 << 20)));
  }

  c.failures = rate(n.at("failed_trials").integer(0, c.trials), c.trials);
  const Node lost = n.at("lost_updates");
  c.lost_updates.mean = lost.at("mean").number();
  c.lost_updates.median = lost.at("median").number();
  const std::vector<Node> bounds = lost.at("median_bounds").items();
  if (bounds.size() != 2) lost.at("median_bounds").fail("expected [low, high]");
  c.lost_median_bounds = {bounds[0].number(), bounds[1].number()};
  if (!(c.lost_median_bounds.low <= c.lost_updates.median &&
        c.lost_updates.median <= c.lost_median_bounds.high)) {
    lost.at("median_bounds").fail("does not hold the median");
  }
  c.lost_updates.min = lost.at("min").integer(std::numeric_limits<std::int64_t>::min());
  c.lost_updates.max = lost.at("max").integer(std::numeric_limits<std::int64_t>::min());
  std::int64_t histogram_trials = 0;
  for (const Node& b : lost.at("histogram").items()) {
    HistogramBucket bucket{b.at("min").integer(std::numeric_limits<std::int64_t>::min()),
                           b.at("max").integer(std::numeric_limits<std::int64_t>::min()),
                           b.at("trials").integer(0, c.trials)};
    histogram_trials += bucket.count;
    c.lost_histogram.push_back(bucket);
  }
  if (histogram_trials != c.trials) {
    lost.at("histogram")
        .fail("holds " + std::to_string(histogram_trials) + " trials, not " +
              std::to_string(c.trials));
  }

  const Node sanitizer = n.at("sanitizer");
  c.report_trials = rate(sanitizer.at("trials_with_reports").integer(0, c.trials), c.trials);
  const Node kinds = sanitizer.at("trials_by_kind");
  if (!kinds.raw().is_object()) kinds.fail("expected an object");
  for (const auto& [kind, count] : kinds.raw().items()) {
    c.report_kinds.push_back({kind, Node(count, "trials_by_kind." + kind).integer(0, c.trials)});
  }
  c.runtime_reports = sanitizer.at("runtime_report_count").integer();
  c.parsed_reports = sanitizer.at("parsed_report_count").integer();
  for (const Node& r : sanitizer.at("unique_reports").items()) {
    c.unique_reports.push_back(UniqueReport{
        r.at("kind").text(), read_locations(r.at("locations")), r.at("trials").integer(0, c.trials),
        r.at("occurrences").integer(), r.at("first_trial").integer(-1), r.at("example").text()});
  }
  c.trial_seconds = n.at("trial_seconds").number();
  c.wall_seconds = n.at("wall_seconds").number();
  // A summary from before stopping rules ran every trial asked, at 5%.
  if (n.has("stopped_by")) {
    const std::string stopped_by = n.at("stopped_by").text();
    std::optional<StopReason> reason = parse_stop_reason(stopped_by);
    if (!reason) n.at("stopped_by").fail("unknown reason '" + stopped_by + "'");
    c.stopped_by = *reason;
  }
  if (n.has("interval_alpha")) {
    c.interval_alpha = n.at("interval_alpha").number();
    if (!(c.interval_alpha > 0 && c.interval_alpha <= 0.05))
      n.at("interval_alpha").fail("expected a number in (0, 0.05]");
  }
  // A summary written before overlap was measured has none: its trials count as they did.
  if (n.has("overlap")) c.overlap = read_overlap(n.at("overlap"), c.trials);
  set_intervals(c);
  c.expect = read_expectation(n);
  c.verdict = read_verdict(n.at("verdict"));
  for (const Node& reason : n.at("reasons").items()) c.reasons.push_back(reason.text());
  if (n.has("fairness")) c.fairness = read_fairness(n.at("fairness"), c.trials);

  if (n.has("error")) c.error = n.at("error").text();
  if (n.has("faults")) {
    for (const Node& fault : n.at("faults").items()) {
      c.faults.push_back(read_fault(fault));
    }
    if (static_cast<std::int64_t>(c.faults.size()) > c.trials_requested - c.trials) {
      n.at("faults").fail("more trials finished and faulted than were requested");
    }
  }
  return c;
}

Summary read_summary(const json& document) {
  const Node root(document, "");
  if (!document.is_object()) root.fail("expected a lockstress summary object");
  const std::string schema = root.at("schema").text();
  if (schema != kSummarySchema) {
    throw Error{"schema '" + schema + "' is not " + kSummarySchema};
  }
  Summary summary;
  summary.complete = root.at("complete").boolean();
  if (root.has("interrupted_by")) {
    const std::string name = root.at("interrupted_by").text();
    std::optional<int> signal = parse_signal_name(name);
    if (!signal) root.at("interrupted_by").fail("unknown signal '" + name + "'");
    summary.interrupted_by = *signal;
  }
  summary.context = read_context(root.at("context"));
  for (const Node& input : root.at("merged_from").items()) {
    summary.merged_from.push_back({input.at("file").text(), input.at("complete").boolean(),
                                   read_context(input.at("context"))});
  }
  for (const Node& cell : root.at("results").items()) {
    summary.results.push_back(read_cell(cell));
    if (Result<void> holds = check_cell_invariants(summary.results.back(), cell.path()); !holds) {
      throw holds.error();
    }
  }
  if (Result<void> holds = check_summary_invariants(summary); !holds) throw holds.error();
  return summary;
}

}  // namespace

Result<Summary> read_summary_json(std::string_view text) {
  json document = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return Error{"not valid JSON (malformed or truncated)"};
  try {
    return result_of([&] { return read_summary(document); });
  } catch (const json::exception& e) {
    return Error{e.what()};
  }
}

Result<Summary> read_summary_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path + ": cannot read (" + std::strerror(errno) + ")"};
  std::ostringstream text;
  text << in.rdbuf();
  Result<Summary> summary = read_summary_json(text.str());
  if (!summary) return Error{path + ": " + summary.error().message};
  return summary;
}

}  // namespace lockstress
