#include "reports/markup.h"

#include <boost/test/unit_test.hpp>

namespace powercut::reports {
namespace {

BOOST_AUTO_TEST_SUITE(markup)

BOOST_AUTO_TEST_CASE(markup_characters_are_escaped_in_text) {
  BOOST_TEST(EscapeMarkup("a<b>&\"c'") == "a&lt;b&gt;&amp;\"c'");
}

BOOST_AUTO_TEST_CASE(attributes_also_escape_quotes_and_keep_newlines_as_references) {
  BOOST_TEST(EscapeMarkup("a\"b'c\nd\te", MarkupContext::kAttribute) ==
             "a&quot;b&#39;c&#10;d&#9;e");
}

BOOST_AUTO_TEST_CASE(control_bytes_become_visible_hex) {
  BOOST_TEST(PrintableUtf8(std::string("a\x01"
                                       "b\x7f\r\0c",
                                       7)) == "a\\x01b\\x7f\\x0d\\x00c");
  BOOST_TEST(PrintableUtf8("tab\tnewline\n") == "tab\tnewline\n");
}

BOOST_AUTO_TEST_CASE(valid_utf8_is_kept_and_invalid_bytes_become_hex) {
  BOOST_TEST(PrintableUtf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x8c") ==
             "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x8c");
  BOOST_TEST(PrintableUtf8("\xff") == "\\xff");
  BOOST_TEST(PrintableUtf8("\xc3") == "\\xc3");                             // cut short at the end
  BOOST_TEST(PrintableUtf8("\xc3(") == "\\xc3(");                           // bad continuation
  BOOST_TEST(PrintableUtf8("\xc0\xaf") == "\\xc0\\xaf");                    // overlong
  BOOST_TEST(PrintableUtf8("\xed\xa0\x80") == "\\xed\\xa0\\x80");           // a surrogate
  BOOST_TEST(PrintableUtf8("\xf4\x90\x80\x80") == "\\xf4\\x90\\x80\\x80");  // past U+10FFFF
  BOOST_TEST(PrintableUtf8("\xef\xbf\xbf") == "\\xef\\xbf\\xbf");           // U+FFFF: not XML
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace powercut::reports
