#include "harness/reporters/escape.hpp"

#include <gtest/gtest.h>

namespace lockstress {
namespace {

const std::string kReplacement = "\xEF\xBF\xBD";

TEST(Escape, ValidUtf8PassesThrough) {
  EXPECT_EQ(valid_utf8("plain ascii"), "plain ascii");
  EXPECT_EQ(valid_utf8("\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x92\xa5"),
            "\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x92\xa5");
}

TEST(Escape, EveryInvalidSequenceBecomesOneReplacementPerByte) {
  EXPECT_EQ(valid_utf8("a\xff"
                       "b"),
            "a" + kReplacement + "b");
  EXPECT_EQ(valid_utf8("\xc3"), kReplacement);                     // cut short
  EXPECT_EQ(valid_utf8("\xc0\xaf"), kReplacement + kReplacement);  // overlong '/'
  EXPECT_EQ(valid_utf8("\xed\xa0\x80"), kReplacement + kReplacement + kReplacement);  // surrogate
  EXPECT_EQ(valid_utf8("\xf4\x90\x80\x80"),
            kReplacement + kReplacement + kReplacement + kReplacement);  // > U+10FFFF
  EXPECT_EQ(valid_utf8("\x80"
                       "x"),
            kReplacement + "x");  // stray continuation
}

TEST(Escape, XmlEscapesMarkupAndDropsWhatXmlForbids) {
  EXPECT_EQ(xml_escape("<tag> & ]]> \"q\" 'a'"),
            "&lt;tag&gt; &amp; ]]&gt; &quot;q&quot; &#39;a&#39;");
  EXPECT_EQ(xml_escape("tab\tnl\ncr\r"), "tab\tnl\ncr\r");
  EXPECT_EQ(xml_escape("\x1b[31mred\x1b[0m"), kReplacement + "[31mred" + kReplacement + "[0m");
  EXPECT_EQ(xml_escape(std::string("nul\0", 4)), "nul" + kReplacement);
  EXPECT_EQ(xml_escape("\xef\xbf\xbe"), kReplacement);  // U+FFFE
  EXPECT_EQ(xml_escape("\xff"), kReplacement);
}

TEST(Escape, TerminalTextWritesEveryControlCharacterAsHex) {
  EXPECT_EQ(terminal_text("\x1b[2Jcleared\nforged line\r\t\x7f"),
            "\\x1b[2Jcleared\\x0aforged line\\x0d\\x09\\x7f");
  EXPECT_EQ(terminal_text("\xc2\x9b"), "\\x9b");  // U+009B, the C1 control sequence introducer
  EXPECT_EQ(terminal_text("Intel\xc2\xae Xeon\xc2\xae"), "Intel\xc2\xae Xeon\xc2\xae");
  EXPECT_EQ(terminal_lines("a\x1b]0;title\x07\nb\n"), "a\\x1b]0;title\\x07\nb\n");
}

}  // namespace
}  // namespace lockstress
