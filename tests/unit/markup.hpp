#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lockstress::testing {

// A well-formed XML-syntax document (the HTML report is written that way), as a tree. Enough of
// XML for our own outputs: elements, attributes, text, the five named entities and &#N;.
struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::vector<Element> children;
  std::string text;  // all character data directly inside, entities decoded

  std::string attribute(const std::string& key) const {
    auto it = attributes.find(key);
    return it == attributes.end() ? "" : it->second;
  }
  bool has_class(const std::string& css) const {
    const std::string classes = " " + attribute("class") + " ";
    return classes.find(" " + css + " ") != std::string::npos;
  }
  // Every descendant (not this element) with this name, in document order.
  std::vector<const Element*> all(const std::string& tag) const {
    std::vector<const Element*> out;
    for (const Element& child : children) {
      if (child.name == tag) out.push_back(&child);
      for (const Element* e : child.all(tag)) out.push_back(e);
    }
    return out;
  }
};

class MarkupParser {
 public:
  explicit MarkupParser(std::string_view text) : text_(text) {}

  // Throws std::runtime_error naming the offset of the first thing that is not well-formed.
  Element parse() {
    skip_prolog();
    Element root = element();
    skip_space();
    if (pos_ != text_.size()) fail("content after the root element");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + " at offset " + std::to_string(pos_));
  }
  bool starts(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }
  void skip_space() {
    while (pos_ < text_.size() &&
           std::string_view(" \t\r\n").find(text_[pos_]) != std::string_view::npos)
      ++pos_;
  }
  void skip_prolog() {
    for (;;) {
      skip_space();
      if (starts("<?") || starts("<!DOCTYPE")) {
        pos_ = text_.find('>', pos_);
        if (pos_ == std::string_view::npos) fail("unterminated prolog");
        ++pos_;
      } else {
        return;
      }
    }
  }
  std::string name() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '-' || text_[pos_] == ':' || text_[pos_] == '_'))
      ++pos_;
    if (pos_ == start) fail("expected a name");
    return std::string(text_.substr(start, pos_ - start));
  }
  std::string decode(std::string_view raw) {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '<') fail("raw '<' in text");
      if (raw[i] != '&') {
        out += raw[i];
        continue;
      }
      const std::size_t end = raw.find(';', i);
      if (end == std::string_view::npos) fail("unterminated entity");
      const std::string_view entity = raw.substr(i + 1, end - i - 1);
      static const std::map<std::string_view, std::string> named{
          {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}};
      if (auto it = named.find(entity); it != named.end()) {
        out += it->second;
      } else if (entity.size() > 1 && entity[0] == '#') {
        out += static_cast<char>(std::stoi(std::string(entity.substr(1))));  // ASCII is enough here
      } else {
        fail("unknown entity &" + std::string(entity) + ";");
      }
      i = end;
    }
    return out;
  }
  Element element() {
    if (!starts("<")) fail("expected '<'");
    ++pos_;
    Element e;
    e.name = name();
    for (;;) {
      skip_space();
      if (starts("/>")) {
        pos_ += 2;
        return e;
      }
      if (starts(">")) {
        ++pos_;
        break;
      }
      const std::string key = name();
      if (!starts("=\"")) fail("expected =\" after attribute " + key);
      pos_ += 2;
      const std::size_t end = text_.find('"', pos_);
      if (end == std::string_view::npos) fail("unterminated attribute");
      if (!e.attributes.emplace(key, decode(text_.substr(pos_, end - pos_))).second)
        fail("repeated attribute " + key);
      pos_ = end + 1;
    }
    for (;;) {
      const std::size_t next = text_.find('<', pos_);
      if (next == std::string_view::npos) fail("unclosed <" + e.name + ">");
      e.text += decode(text_.substr(pos_, next - pos_));
      pos_ = next;
      if (starts("</")) {
        pos_ += 2;
        if (name() != e.name) fail("mismatched </...> for <" + e.name + ">");
        skip_space();
        if (!starts(">")) fail("expected '>'");
        ++pos_;
        return e;
      }
      e.children.push_back(element());
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

inline Element parse_markup(std::string_view text) { return MarkupParser(text).parse(); }

}  // namespace lockstress::testing
