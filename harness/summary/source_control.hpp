#pragma once

#include <string>
#include <string_view>

namespace lockstress {

// The git checkout the code under test comes from, for SARIF's versionControlProvenance: empty
// strings when `source_root` is not in one, or git is not installed.
struct SourceControl {
  std::string repository_uri;  // origin's URL as a URI, credentials removed; else the checkout's
  std::string revision;        // the commit checked out
  std::string branch;          // empty on a detached HEAD (as CI checkouts often are)
  std::string root;            // the checkout's top directory
};

SourceControl find_source_control(const std::string& source_root);

// A remote as `git remote get-url` prints it, as an absolute URI: https://user:token@host/x ->
// https://host/x; git@host:owner/repo.git -> ssh://host/owner/repo.git; /srv/repo ->
// file:///srv/repo. Empty when it cannot be made one.
std::string remote_as_uri(const std::string& remote);

// A path as the path of a URI: bytes outside RFC 3986's unreserved set and '/' percent-encoded.
std::string percent_encoded_path(std::string_view path);

}  // namespace lockstress
