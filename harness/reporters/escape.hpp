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

// Valid UTF-8 safe to print on a terminal as part of one line: every C0 and C1 control
// character and DEL (ESC starts the sequences that clear a screen or move the cursor, a line feed
// forges a line) written as \xHH. For console text that comes from any input: a summary's case
// names and CPU model, a runner's report text, file names.
std::string terminal_text(std::string_view text);

// The same for text of many lines (a whole console report): line feeds are kept, every other
// control character is written as \xHH.
std::string terminal_lines(std::string_view text);

}  // namespace lockstress
