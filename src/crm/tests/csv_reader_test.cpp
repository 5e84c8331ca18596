#include "crm/csv_reader.h"

#include <gtest/gtest.h>

namespace plateau::crm {
namespace {

using Fields = std::vector<std::string>;

TEST(CsvReader, PlainCommaFile) {
  auto t = read_csv("a,b,c\n1,2,3\r\n4,,6\n");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->separator, ',');
  EXPECT_EQ(t->header.fields, (Fields{"a", "b", "c"}));
  ASSERT_EQ(t->records.size(), 2u);
  EXPECT_EQ(t->records[0].fields, (Fields{"1", "2", "3"}));
  EXPECT_EQ(t->records[0].line, 2);
  EXPECT_EQ(t->records[1].fields, (Fields{"4", "", "6"}));
  EXPECT_EQ(t->records[1].line, 3);
}

TEST(CsvReader, SemicolonIsReadFromTheHeader) {
  auto t = read_csv("\xEF\xBB\xBF" "a;b;\"c,d\"\n1,5;2;3\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->separator, ';');
  EXPECT_EQ(t->header.fields, (Fields{"a", "b", "c,d"}));
  EXPECT_EQ(t->records[0].fields, (Fields{"1,5", "2", "3"}));
}

TEST(CsvReader, QuotedFieldsHoldSeparatorsQuotesAndLineEnds) {
  auto t = read_csv("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\r\nhere\", \"z\" \nlast,\"\"\n");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->records.size(), 3u);
  EXPECT_EQ(t->records[0].fields, (Fields{"x, y", "say \"hi\""}));
  EXPECT_EQ(t->records[1].fields, (Fields{"two\nlines\r\nhere", "z"}));
  EXPECT_EQ(t->records[1].line, 3);
  EXPECT_EQ(t->records[2].line, 6);  // the quoted line ends counted
  EXPECT_EQ(t->records[2].fields, (Fields{"last", ""}));
  for (const auto& r : t->records) EXPECT_EQ(r.error, "");
}

TEST(CsvReader, BlankLinesAndNoFinalNewline) {
  auto t = read_csv("\n\na,b\n\n1,2\n,\n ; \n3,4");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header.line, 3);
  ASSERT_EQ(t->records.size(), 3u);  // ",": blank; " ; ": one field of text, not blank
  EXPECT_EQ(t->records[0].line, 5);
  EXPECT_EQ(t->records[1].fields, (Fields{"; "}));  // spaces before a field are dropped
  EXPECT_EQ(t->records[2].fields, (Fields{"3", "4"}));
  EXPECT_EQ(t->records[2].line, 8);
}

TEST(CsvReader, BrokenRecordsAreReportedAndReadingGoesOn) {
  auto t = read_csv("a,b\nx\"y,1\n\"q\"junk,2\nok,3\n\xC3\x28,4\nfine,5\n\"never closed,6\nlost,7\n");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->records.size(), 6u);
  EXPECT_NE(t->records[0].error.find("a quote inside field 1"), std::string::npos) << t->records[0].error;
  EXPECT_NE(t->records[1].error.find("text after the closing quote of field 1"), std::string::npos);
  EXPECT_EQ(t->records[1].line, 3);
  EXPECT_EQ(t->records[2].fields, (Fields{"ok", "3"}));
  EXPECT_EQ(t->records[2].line, 4);
  EXPECT_NE(t->records[3].error.find("not valid UTF-8"), std::string::npos);
  EXPECT_EQ(t->records[4].error, "");
  EXPECT_EQ(t->records[5].error, "a quote opened on line 7 is never closed");
  EXPECT_EQ(t->records[5].line, 7);
}

TEST(CsvReader, FileErrors) {
  for (const char* empty : {"", "\n\r\n", "\xEF\xBB\xBF", "   \n"}) {
    auto t = read_csv(empty);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, "crm.bad_file");
    EXPECT_NE(t.error().message.find("empty"), std::string::npos);
  }
  auto one = read_csv("customer_id\n1\n");
  ASSERT_FALSE(one.ok());
  EXPECT_NE(one.error().message.find("neither ',' nor ';'"), std::string::npos);
  auto broken = read_csv("a,\"b\nc\n");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("header line 1"), std::string::npos) << broken.error().message;
}

TEST(CsvReader, Utf8) {
  EXPECT_TRUE(valid_utf8("Lucía García, Fès, \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85, \xF0\x9F\x93\x9E"));
  EXPECT_FALSE(valid_utf8("caf\xE9"));            // Latin-1
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));           // overlong
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));       // surrogate
  EXPECT_FALSE(valid_utf8("\xE2\x82"));           // truncated
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));   // past U+10FFFF
}

}  // namespace
}  // namespace plateau::crm
