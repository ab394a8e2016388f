#include "harness/ingest/sync_records.hpp"

#include <optional>
#include <string>

#include "harness/ingest/field_index.hpp"
#include "harness/ingest/record_fields.hpp"
#include "harness/protocol/protocol.hpp"

namespace lockstress {
namespace {

using record_fields::parse_int;

// A lock has a handful of operations, each calling a handful of functions first.
constexpr std::size_t kMaxEntries = 64;

Error too_many() { return Error{"too many sync entries"}; }

Result<bool> add_done(SyncProbe& probe, std::string_view fields) {
  auto instrumented = FieldIndex(fields)("instrumented");
  if (!instrumented) return Error{"malformed sync-done record"};
  for (std::size_t pos = 0; pos < instrumented->size();) {
    std::size_t comma = instrumented->find(',', pos);
    if (comma == std::string_view::npos) comma = instrumented->size();
    std::optional<std::string> path =
        protocol::unescape_field(instrumented->substr(pos, comma - pos));
    if (!path || path->empty()) return Error{"malformed sync-done record"};
    if (probe.instrumented_objects.size() == kMaxEntries) return too_many();
    probe.instrumented_objects.push_back(std::move(*path));
    pos = comma + 1;
  }
  return true;
}

Result<bool> add_operation(SyncProbe& probe, std::string_view fields) {
  OperationSync operation;
  FieldIndex sync(fields);
  auto name = sync("op"), seen = sync("seen"), acquire = sync("acquire"), release = sync("release");
  std::optional<std::string> unescaped = name ? protocol::unescape_field(*name) : std::nullopt;
  if (!unescaped || !seen || !acquire || !release || !parse_int(*seen, operation.seen) ||
      !parse_int(*acquire, operation.acquire) || !parse_int(*release, operation.release) ||
      operation.seen < 0 || operation.acquire < 0 || operation.release < 0) {
    return Error{"malformed sync record"};
  }
  operation.name = std::move(*unescaped);
  if (probe.operations.size() == kMaxEntries) return too_many();
  probe.operations.push_back(std::move(operation));
  return false;
}

// function= runs to the end of the line, and comes last.
Result<bool> add_call(SyncProbe& probe, std::string_view fields) {
  const std::size_t function_at = fields.find(" function=");
  FieldIndex head(fields.substr(0, function_at));
  auto name = head("op"), system = head("system"), object = head("object");
  std::optional<std::string> op = name ? protocol::unescape_field(*name) : std::nullopt;
  std::optional<std::string> path = object ? protocol::unescape_field(*object) : std::nullopt;
  if (function_at == std::string_view::npos || !op || !path || !system ||
      (*system != "0" && *system != "1") || probe.operations.empty() ||
      probe.operations.back().name != *op) {
    return Error{"malformed sync-call record"};
  }
  if (probe.operations.back().calls.size() == kMaxEntries) return too_many();
  probe.operations.back().calls.push_back(SyncCall{
      std::string(fields.substr(function_at + 10, 1000)), std::move(*path), *system == "1"});
  return false;
}

}  // namespace

Result<bool> add_sync_record(SyncProbe& probe, std::string_view type, std::string_view fields) {
  if (type == protocol::kSyncDone) return add_done(probe, fields);
  if (type == protocol::kSync) return add_operation(probe, fields);
  return add_call(probe, fields);
}

}  // namespace lockstress
