#include "harness/ingest/runner_stream.hpp"

#include <algorithm>
#include <charconv>

#include "harness/ingest/field_index.hpp"
#include "harness/ingest/record_fields.hpp"
#include "harness/ingest/sync_records.hpp"
#include "harness/protocol/protocol.hpp"

namespace lockstress {
namespace {

using record_fields::parse_int;
using record_fields::parse_list;

constexpr std::string_view kReportDelimiter = "==================";
constexpr std::size_t kTailLines = 20;
// A report longer than this is cut: its head identifies it, and the driver keeps one per finding.
constexpr std::size_t kMaxReportBytes = 64 * 1024;
constexpr std::size_t kMaxLineBytes = 64 * 1024;

// "==123==ERROR: ThreadSanitizer: SEGV on ..." -> "ERROR: ThreadSanitizer: SEGV on ...";
// nullopt for any line that is not a sanitizer's own error.
std::optional<std::string_view> sanitizer_error_line(std::string_view line) {
  for (std::string_view head : {std::string_view("ERROR: "), std::string_view("FATAL: ")}) {
    const std::size_t at = line.find(head);
    if (at == std::string_view::npos) continue;
    std::string_view rest = line.substr(at);
    const std::size_t colon = rest.find(": ", head.size());
    if (colon == std::string_view::npos) continue;
    const std::string_view tool = rest.substr(head.size(), colon - head.size());
    if (tool.size() > 9 && tool.substr(tool.size() - 9) == "Sanitizer") return rest;
  }
  return std::nullopt;
}

// What model::replay_key and model::encode_choices write: lower-case letters, digits and their
// few separators. The driver checks no more than that (it does not link the model): the replay
// key is parsed by the runner that replays it.
bool model_text(std::string_view text, std::string_view separators, std::size_t max_size) {
  if (text.empty() || text.size() > max_size) return false;
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           separators.find(c) != std::string_view::npos;
  });
}

bool parse_hash(std::string_view text, std::uint64_t& out) {
  if (text.size() != 16) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out, 16);
  return ec == std::errc() && ptr == text.data() + text.size() &&
         std::none_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'F'; });
}

// The model's fields of a trial record (protocol.hpp); nullopt when any is missing or malformed.
std::optional<ModelScheduleFields> model_fields(std::string_view key, FieldIndex& trial) {
  ModelScheduleFields model;
  auto steps = trial("steps"), switches = trial("switches"), fallbacks = trial("fallbacks");
  auto hash = trial("hash");
  if (!model_text(key, "/", 100) || !steps || !switches || !fallbacks || !hash ||
      !parse_int(*steps, model.steps) || !parse_int(*switches, model.switches) ||
      !parse_int(*fallbacks, model.fallbacks) || !parse_hash(*hash, model.trace_hash) ||
      model.steps < 0 || model.switches < 0 || model.fallbacks < 0) {
    return std::nullopt;
  }
  model.replay_key = std::string(key);
  if (auto choices = trial("choices")) {
    if (!model_text(*choices, "{}*.", ModelScheduleFields::kMaxChoiceChars)) return std::nullopt;
    model.choices = std::string(*choices);
  }
  return model;
}

}  // namespace

RunnerStream::RunnerStream(std::function<void(TrialEvent)> on_trial, std::int64_t first_trial,
                           std::int64_t max_count)
    : on_trial_(std::move(on_trial)), first_trial_(first_trial), max_count_(max_count) {}

void RunnerStream::feed(std::string_view bytes) {
  while (!bytes.empty() && !error_) {
    std::size_t newline = bytes.find('\n');
    if (newline == std::string_view::npos) {
      partial_line_.append(bytes);
      if (partial_line_.size() > kMaxLineBytes) {
        // Not a line anyone wrote on purpose; keep it as text without its end.
        on_line(partial_line_);
        partial_line_.clear();
      }
      return;
    }
    if (partial_line_.empty()) {
      on_line(bytes.substr(0, newline));
    } else {
      partial_line_.append(bytes.substr(0, newline));
      on_line(partial_line_);
      partial_line_.clear();
    }
    bytes.remove_prefix(newline + 1);
  }
}

void RunnerStream::feed_records(std::string_view lines) {
  records_apart_ = records_apart_ || !lines.empty();
  for (std::size_t newline = 0; !lines.empty() && !error_; lines.remove_prefix(newline + 1)) {
    newline = lines.find('\n');
    if (newline == std::string_view::npos) return fail("a shared record without its line's end");
    on_record_line(lines.substr(0, newline));
  }
}

void RunnerStream::finish() {
  if (error_) return;
  if (!partial_line_.empty()) {
    std::string line = std::move(partial_line_);
    partial_line_.clear();
    if (line.rfind(protocol::kPrefix, 0) == 0) {
      fail("the runner's output stopped in the middle of a record: '" + line + "'");
      return;
    }
    on_line(line);
  }
  // Reports with no trial record after them were printed during the trial that never finished
  // (or, after the end record, at exit). A report cut off mid-print is kept as printed.
  std::vector<std::string>& owner = ended_ ? outside_ : unfinished_;
  for (std::string& text : pending_reports_) owner.push_back(std::move(text));
  pending_reports_.clear();
  if (in_report_) {
    owner.push_back(std::move(report_));
    report_.clear();
    in_report_ = false;
  }
}

void RunnerStream::on_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line == kReportDelimiter) {
    if (!in_report_) ++report_blocks_;
    if (in_report_) {
      pending_reports_.push_back(std::move(report_));
      report_.clear();
    }
    in_report_ = !in_report_;
    return;
  }
  if (line.rfind(protocol::kPrefix, 0) == 0) {
    // Not the runner's: where it and stderr's text would stand among its records is unknown.
    if (records_apart_)
      return fail("a record on stderr, apart from the runner's shared records: '" +
                  std::string(line.substr(0, 200)) + "'");
    return on_record_line(line);
  }
  if (in_report_) {
    if (report_.size() + line.size() < kMaxReportBytes) {
      report_.append(line);
      report_.push_back('\n');
    }
    return;
  }
  if (suppressions_.feed(line)) return;
  if (!sanitizer_error_) {
    if (std::optional<std::string_view> error = sanitizer_error_line(line)) {
      sanitizer_error_ = std::string(error->substr(0, 1024));
    }
  }
  tail_.emplace_back(line.substr(0, 1024));
  if (tail_.size() > kTailLines) tail_.pop_front();
}

void RunnerStream::on_record_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.rfind(protocol::kPrefix, 0) != 0) return fail("a shared line that is no record");
  on_record(line.substr(protocol::kPrefix.size()));
}

void RunnerStream::on_record(std::string_view record) {
  if (ended_) return fail("the runner wrote a record after its end record");
  if (exception_) return fail("the runner wrote a record after its exception record");
  std::size_t space = record.find(' ');
  std::string_view type = record.substr(0, space);
  std::string_view fields = space == std::string_view::npos ? "" : record.substr(space + 1);

  if (type == protocol::kEnd) {
    std::int64_t trials = 0;
    FieldIndex end(fields);
    auto value = end("trials");
    if (!value || !parse_int(*value, trials)) return fail("malformed end record");
    if (auto restart = end("restart")) {
      if (*restart != "1") return fail("malformed end record");
      restart_ = true;
    }
    if (trials != trials_seen_) {
      return fail("the runner ended after " + std::to_string(trials_seen_) +
                  " trial records but claimed " + std::to_string(trials));
    }
    ended_ = true;
    for (std::string& text : pending_reports_) outside_.push_back(std::move(text));
    pending_reports_.clear();
    return;
  }
  if (type == protocol::kPlacement) {
    FieldIndex placement(fields);
    auto pin = placement("pin"), cpus = placement("cpus");
    if (!pin || !cpus) return fail("malformed placement record");
    pin_ = std::string(*pin);
    if (!parse_list(*cpus, worker_cpus_, -1)) return fail("malformed placement record");
    return;
  }
  if (type == protocol::kModel) {
    FieldIndex record(fields);
    auto strategy = record("strategy"), memory = record("memory"), threads = record("threads");
    auto steps = record("steps"), depth = record("depth");
    ModelSchedules model;
    std::int64_t d = 0;
    if (model_ || !strategy || !memory || !threads || !steps || !depth ||
        !parse_int(*threads, model.threads) || !parse_int(*steps, model.steps) ||
        !parse_int(*depth, d) || model.threads < 1 || model.steps < 1 || d < 1 || d > 1000) {
      return fail("malformed model record");
    }
    model.strategy = std::string(strategy->substr(0, 20));
    model.memory = std::string(memory->substr(0, 20));
    model.depth = static_cast<int>(d);
    model_ = std::move(model);
    return;
  }
  if (type == protocol::kException) {
    // what= runs to the end of the line, and comes last.
    const std::size_t what_at = fields.find(" what=");
    CaseException thrown;
    FieldIndex head(fields.substr(0, what_at));
    auto index = head("index"), seed = head("seed");
    if (what_at == std::string_view::npos || !index || !seed || !parse_int(*index, thrown.index) ||
        !parse_int(*seed, thrown.seed)) {
      return fail("malformed exception record");
    }
    if (thrown.index != first_trial_ + trials_seen_) {
      return fail("the runner's exception record names trial " + std::to_string(thrown.index) +
                  ", not the running trial " + std::to_string(first_trial_ + trials_seen_));
    }
    thrown.what = std::string(fields.substr(what_at + 6, 1000));
    exception_ = std::move(thrown);
    return;
  }
  if (type == protocol::kSync || type == protocol::kSyncCall || type == protocol::kSyncDone) {
    return on_sync_record(type, fields);
  }
  if (type != protocol::kTrial) {
    return fail("unknown record type '" + std::string(type.substr(0, 100)) + "'");
  }

  TrialEvent event;
  FieldIndex trial(fields);
  auto index = trial("index"), seed = trial("seed"), count = trial("count"), ns = trial("ns");
  auto reports = trial("reports");
  if (!index || !seed || !count || !ns || !reports || !parse_int(*index, event.index) ||
      !parse_int(*seed, event.seed) || !parse_int(*count, event.count) ||
      !parse_int(*ns, event.nanoseconds) || !parse_int(*reports, event.runtime_reports) ||
      event.runtime_reports < 0) {
    return fail("malformed trial record: '" + std::string(record.substr(0, 200)) + "'");
  }
  if (event.index != first_trial_ + trials_seen_) {
    return fail("trial record " + std::to_string(event.index) + " where trial " +
                std::to_string(first_trial_ + trials_seen_) + " was due");
  }
  if (event.count < 0 || event.count > max_count_ || event.nanoseconds < 0) {
    return fail("impossible trial record: '" + std::string(record.substr(0, 200)) + "'");
  }
  if (auto acquired = trial("acquired")) {
    if (!parse_list(*acquired, event.acquisitions, std::int64_t{0})) {
      return fail("malformed trial record: '" + std::string(record.substr(0, 200)) + "'");
    }
  }
  if (auto overlap = trial("overlap")) {
    std::int64_t value = 0;
    if (!parse_int(*overlap, value)) {
      return fail("malformed trial record: '" + std::string(record.substr(0, 200)) + "'");
    }
    event.overlap_ns = value;
  }
  if (auto torn = trial("torn")) {
    if (!parse_int(*torn, event.torn_reads) || event.torn_reads < 0) {
      return fail("malformed trial record: '" + std::string(record.substr(0, 200)) + "'");
    }
  }
  if (auto dropped = trial("dropped")) {
    if (!parse_int(*dropped, event.dropped_reports) || event.dropped_reports < 0) {
      return fail("malformed trial record: '" + std::string(record.substr(0, 200)) + "'");
    }
  }
  if (auto deadlock = trial("deadlock")) {
    if (*deadlock != "1") {
      return fail("malformed trial record: '" + std::string(record.substr(0, 200)) + "'");
    }
    event.deadlock = true;
  }
  if (auto key = trial("model")) {
    std::optional<ModelScheduleFields> model = model_fields(*key, trial);
    if (!model) return fail("malformed trial record: '" + std::string(record.substr(0, 200)) + "'");
    event.model = std::move(model);
  }
  event.report_texts = std::move(pending_reports_);
  pending_reports_.clear();
  ++trials_seen_;
  on_trial_(std::move(event));
}

// The sync probe's records come before any trial, as one sequence ending in sync-done.
void RunnerStream::on_sync_record(std::string_view type, std::string_view fields) {
  if (trials_seen_ > 0 || sync_) return fail("a sync record after the sync probe was done");
  if (!sync_building_) sync_building_.emplace();
  const Result<bool> done = add_sync_record(*sync_building_, type, fields);
  if (!done) return fail(done.error().message);
  if (*done) {
    sync_ = std::move(*sync_building_);
    sync_building_.reset();
  }
}

void RunnerStream::fail(std::string message) {
  if (!error_) error_ = std::move(message);
}

}  // namespace lockstress
