#include "harness/summary/source_control.hpp"

#include <cctype>
#include <cstdio>
#include <string_view>
#include <vector>

#include "harness/summary/context.hpp"

namespace lockstress {
namespace {

// The first line `git -C root <args>` prints, or "" when it fails. stderr is discarded: outside
// a checkout git explains itself, and the summary simply has no provenance.
std::string git_line(const std::string& root, std::vector<std::string> args) {
  args.insert(args.begin(), {"git", "-C", root});
  const std::string command = shell_join(args) + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "";
  std::string out;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  const int status = pclose(pipe);
  if (status != 0) return "";
  const std::size_t newline = out.find('\n');
  return out.substr(0, newline);
}

bool has_scheme(const std::string& text) {
  const std::size_t colon = text.find("://");
  return colon != std::string::npos && colon > 0 &&
         text.find_first_not_of("abcdefghijklmnopqrstuvwxyz+.-") >= colon;
}

}  // namespace

std::string percent_encoded_path(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) ||
        std::string_view("-._~/").find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      out += escaped;
    }
  }
  return out;
}

std::string remote_as_uri(const std::string& remote) {
  if (remote.empty()) return "";
  if (has_scheme(remote)) {
    // A token in the URL (https://x-access-token:...@github.com/...) must never reach a report:
    // the user information goes whole.
    const std::size_t authority = remote.find("://") + 3;
    const std::size_t path = remote.find('/', authority);
    const std::size_t at = remote.rfind('@', path);
    if (at != std::string::npos && at >= authority) {
      return remote.substr(0, authority) + remote.substr(at + 1);
    }
    return remote;
  }
  if (remote.front() == '/') return "file://" + percent_encoded_path(remote);
  // scp-like syntax, user@host:path (a ':' before any '/').
  const std::size_t colon = remote.find(':');
  const std::size_t slash = remote.find('/');
  if (colon != std::string::npos && colon > 0 && (slash == std::string::npos || colon < slash)) {
    std::string path = remote.substr(colon + 1);
    if (path.empty() || path.front() != '/') path.insert(0, "/");
    const std::size_t at = remote.rfind('@', colon);
    const std::size_t host = at == std::string::npos ? 0 : at + 1;
    return "ssh://" + remote.substr(host, colon - host) + path;
  }
  return "";
}

SourceControl find_source_control(const std::string& source_root) {
  SourceControl out;
  out.revision = git_line(source_root, {"rev-parse", "--verify", "-q", "HEAD"});
  if (out.revision.empty()) return {};
  out.branch = git_line(source_root, {"symbolic-ref", "--short", "-q", "HEAD"});
  out.root = git_line(source_root, {"rev-parse", "--show-toplevel"});
  out.repository_uri = remote_as_uri(git_line(source_root, {"remote", "get-url", "origin"}));
  if (out.repository_uri.empty()) out.repository_uri = remote_as_uri(out.root);
  return out;
}

}  // namespace lockstress
