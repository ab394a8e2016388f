#include "harness/ingest/tsan_report.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <tuple>

namespace lockstress {
namespace {

constexpr std::string_view kWarning = "WARNING: ThreadSanitizer: ";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool parse_int(std::string_view text, int& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && !text.empty();
}

// "data race (pid=123)" -> "data race"; "lock-order-inversion (potential deadlock) (pid=1)" ->
// "lock-order-inversion": the parenthesised remarks are not part of the kind.
std::string report_kind(std::string_view headline) {
  std::size_t paren = headline.find(" (");
  return std::string(trim(headline.substr(0, paren)));
}

// A section header names one access or acquisition, whose stack follows: "Write of size 8 at
// 0x... by thread T1:", "Previous atomic read of size 4 ...:", "Mutex M1 acquired here while
// holding mutex M0 in thread T1:". Thread-creation, allocation and mutex-creation stacks are not
// accesses and do not identify the finding.
bool is_access_header(std::string_view line) {
  if (line.empty() || line.back() != ':' || line.rfind("Location is ", 0) == 0) return false;
  if (line.find(" of size ") != std::string_view::npos) return true;
  return line.rfind("Mutex ", 0) == 0 && line.find(" acquired ") != std::string_view::npos;
}

// "#3 f(int) /src/a.cpp:12:5 (bin+0x12) (BuildId: ab)" -> {"f(int)", "/src/a.cpp", 12, 5}
std::optional<SourceLocation> parse_frame(std::string_view line) {
  if (line.size() < 2 || line[0] != '#') return std::nullopt;
  std::size_t space = line.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  std::string_view rest = trim(line.substr(space + 1));
  if (std::size_t build_id = rest.find(" (BuildId: "); build_id != std::string_view::npos) {
    rest = trim(rest.substr(0, build_id));
  }
  if (!rest.empty() && rest.back() == ')') {  // "(module+0xoffset)"
    std::size_t open = rest.rfind(" (");
    if (open != std::string_view::npos) rest = trim(rest.substr(0, open));
  }
  std::size_t last_space = rest.rfind(' ');
  if (last_space == std::string_view::npos) return std::nullopt;
  SourceLocation frame;
  frame.function = std::string(trim(rest.substr(0, last_space)));
  std::string_view where = rest.substr(last_space + 1);
  // file:line:col (clang) or file:line (g++); "<null>" when unknown.
  std::size_t colon = where.rfind(':');
  if (colon != std::string_view::npos) {
    int number = 0;
    if (parse_int(where.substr(colon + 1), number)) {
      std::string_view before = where.substr(0, colon);
      std::size_t colon2 = before.rfind(':');
      int line_number = 0;
      if (colon2 != std::string_view::npos && parse_int(before.substr(colon2 + 1), line_number)) {
        frame.file = std::string(before.substr(0, colon2));
        frame.line = line_number;
        frame.column = number;
      } else {
        frame.file = std::string(before);
        frame.line = number;
      }
      return frame;
    }
  }
  frame.file = where == "<null>" ? "" : std::string(where);
  return frame;
}

void make_relative(SourceLocation& frame, std::string_view source_root) {
  if (source_root.empty()) return;
  std::string root(source_root);
  if (root.back() != '/') root += '/';
  // A compiler given relative source paths (ccache's base_dir rewrites them so) leaves
  // "<build>/../../src/a.cpp" behind: normalised, it lies under the root like the rest.
  const std::string file = frame.file.find("/.") == std::string::npos
                               ? frame.file
                               : std::filesystem::path(frame.file).lexically_normal().string();
  if (file.rfind(root, 0) == 0) frame.file = file.substr(root.size());
}

std::vector<std::string_view> lines_of(std::string_view block) {
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos <= block.size();) {
    std::size_t end = block.find('\n', pos);
    if (end == std::string_view::npos) end = block.size();
    lines.push_back(trim(block.substr(pos, end - pos)));
    pos = end + 1;
  }
  return lines;
}

}  // namespace

// Every case's racy increment is lockstress's own unlocked_increment(), so the frame naming the
// case is its caller.
bool is_library_frame(const SourceLocation& frame) {
  return frame.file.empty() || frame.file.rfind("/usr/", 0) == 0 ||
         frame.file.find("/compiler-rt/") != std::string::npos ||
         frame.file.find("libsanitizer/") != std::string::npos ||
         frame.file.find("lockstress/unlocked_increment.hpp") != std::string::npos;
}

std::vector<ReportStack> access_stacks(std::string_view block,
                                       const std::vector<std::string>& source_roots) {
  std::vector<ReportStack> stacks;
  bool in_access = false;
  for (std::string_view line : lines_of(block)) {
    if (std::optional<SourceLocation> frame = parse_frame(line)) {
      if (!in_access) continue;
      for (const std::string& root : source_roots) {
        const std::size_t before = frame->file.size();
        make_relative(*frame, root);
        if (frame->file.size() != before) break;
      }
      stacks.back().frames.push_back(*frame);
      continue;
    }
    in_access = is_access_header(line);
    if (in_access) stacks.push_back({std::string(line.substr(0, line.size() - 1)), {}});
  }
  return stacks;
}

std::optional<SanitizerReport> parse_tsan_report(std::string_view block,
                                                 std::string_view source_root) {
  SanitizerReport report;
  bool in_access = false;
  bool took_frame = false;  // of the current access
  std::vector<SourceLocation> access_stack;
  std::vector<SourceLocation> first_stack;  // for reports with no access sections at all

  auto close_access = [&] {
    if (!access_stack.empty()) {
      auto own = std::find_if(access_stack.begin(), access_stack.end(),
                              [](const SourceLocation& f) { return !is_library_frame(f); });
      report.locations.push_back(own != access_stack.end() ? *own : access_stack.front());
    }
    access_stack.clear();
    in_access = false;
  };

  for (std::string_view line : lines_of(block)) {
    if (report.kind.empty()) {
      if (line.rfind(kWarning, 0) == 0) report.kind = report_kind(line.substr(kWarning.size()));
      continue;
    }
    if (std::optional<SourceLocation> frame = parse_frame(line)) {
      make_relative(*frame, source_root);
      if (in_access) {
        access_stack.push_back(*frame);
      } else if (!took_frame) {
        first_stack.push_back(*frame);
      }
      continue;
    }
    if (!first_stack.empty()) took_frame = true;
    close_access();
    if (is_access_header(line)) in_access = true;
  }
  close_access();
  if (report.kind.empty()) return std::nullopt;

  if (report.locations.empty() && !first_stack.empty()) {
    access_stack = first_stack;
    in_access = true;
    close_access();
  }
  // Not the column: the read and the write of one `+= 1` differ in it, yet are one finding.
  auto key = [](const SourceLocation& l) { return std::tie(l.file, l.line, l.function); };
  std::sort(report.locations.begin(), report.locations.end(),
            [&](const SourceLocation& a, const SourceLocation& b) { return key(a) < key(b); });
  report.locations.erase(std::unique(report.locations.begin(), report.locations.end(),
                                     [&](const SourceLocation& a, const SourceLocation& b) {
                                       return key(a) == key(b);
                                     }),
                         report.locations.end());
  report.text = std::string(block);
  return report;
}

std::string describe_locations(const std::vector<SourceLocation>& locations) {
  std::string out;
  for (const SourceLocation& location : locations) {
    if (!out.empty()) out += " / ";
    out += location.file.empty() ? "?" : location.file;
    if (location.line > 0) out += ":" + std::to_string(location.line);
    if (!location.function.empty()) out += " in " + location.function;
  }
  return out;
}

std::string signature(std::string_view kind, const std::vector<SourceLocation>& locations) {
  if (locations.empty()) return std::string(kind);
  return std::string(kind) + " at " + describe_locations(locations);
}

std::string signature(const SanitizerReport& report) {
  return signature(report.kind, report.locations);
}

}  // namespace lockstress
