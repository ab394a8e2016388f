#include "harness/reporters/escape.hpp"

#include <cstdint>

namespace lockstress {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Decodes one code point at `text[i]`; returns its length in bytes, or 0 when the bytes there are
// not a valid UTF-8 sequence.
std::size_t decode(std::string_view text, std::size_t i, std::uint32_t& code_point) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  std::uint32_t min = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, min = 0x80, code_point = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, min = 0x800, code_point = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, min = 0x10000, code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (code_point < min || code_point > 0x10FFFF || surrogate) return 0;
  return length;
}

bool xml_allows(std::uint32_t c) {
  if (c < 0x20) return c == '\t' || c == '\n' || c == '\r';
  return c != 0xFFFE && c != 0xFFFF;
}

template <class OnCodePoint>
std::string transcode(std::string_view text, OnCodePoint on_code_point) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t code_point = 0;
    const std::size_t length = decode(text, i, code_point);
    if (length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    on_code_point(out, code_point, text.substr(i, length));
    i += length;
  }
  return out;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  return transcode(text,
                   [](std::string& out, std::uint32_t, std::string_view bytes) { out += bytes; });
}

std::string xml_escape(std::string_view text) {
  return transcode(text, [](std::string& out, std::uint32_t c, std::string_view bytes) {
    switch (c) {
      case '&':
        out += "&amp;";
        return;
      case '<':
        out += "&lt;";
        return;
      case '>':
        out += "&gt;";
        return;
      case '"':
        out += "&quot;";
        return;
      case '\'':
        out += "&#39;";
        return;
    }
    out += xml_allows(c) ? bytes : kReplacement;
  });
}

namespace {

std::string terminal_safe(std::string_view text, bool keep_line_feeds) {
  return transcode(text, [&](std::string& out, std::uint32_t c, std::string_view bytes) {
    const bool control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
    if (control && !(keep_line_feeds && c == '\n')) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
      return;
    }
    out += bytes;
  });
}

}  // namespace

std::string terminal_text(std::string_view text) { return terminal_safe(text, false); }

std::string terminal_lines(std::string_view text) { return terminal_safe(text, true); }

}  // namespace lockstress
