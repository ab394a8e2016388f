#pragma once

#include <string>
#include <string_view>

namespace lockstress {

// Report text is whatever a runner printed: it may hold invalid UTF-8 and control characters.
// Every reporter that writes a text format passes such text through one of these.

// `text` with each invalid UTF-8 sequence (a stray byte, an overlong form, a surrogate, a code
// point past U+10FFFF) replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

// Valid UTF-8 that XML 1.0 and HTML accept as character data and in quoted attribute values:
// & < > " ' escaped, and the control characters XML forbids (all below U+0020 except tab, line
// feed and carriage return; U+FFFE and U+FFFF) replaced by U+FFFD. "]]>" needs nothing more
// once ">" is escaped.
std::string xml_escape(std::string_view text);

}  // namespace lockstress
