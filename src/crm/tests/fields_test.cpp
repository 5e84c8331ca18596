#include "crm/fields.h"

#include <gtest/gtest.h>

namespace plateau::crm {
namespace {

TEST(Fields, Amounts) {
  EXPECT_EQ(parse_amount("1234.50", ','), 123450);
  EXPECT_EQ(parse_amount("1234.5", ','), 123450);
  EXPECT_EQ(parse_amount("1234", ','), 123400);
  EXPECT_EQ(parse_amount("-45.20", ','), -4520);
  EXPECT_EQ(parse_amount("+7.05", ','), 705);
  EXPECT_EQ(parse_amount("0", ','), 0);
  EXPECT_EQ(parse_amount("1234,50", ';'), 123450);
  EXPECT_EQ(parse_amount("1234.50", ';'), 123450);
  EXPECT_EQ(parse_amount("999999999999999.99", ','), 99999999999999999);
  for (const char* bad : {"", "-", "12.345", "1,234.50", "1 234", "12.", ".5", "abc", "12a", "1e3", "--1",
                          "1234567890123456", "0x10"}) {
    EXPECT_EQ(parse_amount(bad, ','), std::nullopt) << bad;
  }
  EXPECT_EQ(parse_amount("1234,50", ','), std::nullopt);  // a comma in a comma file is not a decimal mark
  EXPECT_EQ(parse_amount("1.234,50", ';'), std::nullopt);
}

TEST(Fields, Dates) {
  for (const char* ok : {"2026-11-15", "2024-02-29", "2000-02-29", "1999-12-31"}) EXPECT_TRUE(valid_date(ok)) << ok;
  for (const char* bad : {"", "2026-13-01", "2026-00-10", "2026-11-31", "2023-02-29", "1900-02-29", "15/11/2026",
                          "2026-1-15", "2026-11-15T10:00", "20261115", "1899-12-31", "2026-11-1a"}) {
    EXPECT_FALSE(valid_date(bad)) << bad;
  }
}

TEST(Fields, LanguagesCurrenciesEmailsIds) {
  EXPECT_EQ(parse_language("FR"), "fr");
  EXPECT_EQ(parse_language(""), "");
  EXPECT_EQ(parse_language("de"), std::nullopt);
  EXPECT_EQ(parse_language("french"), std::nullopt);
  EXPECT_EQ(parse_currency("mad"), "MAD");
  EXPECT_EQ(parse_currency("EUR"), "EUR");
  EXPECT_EQ(parse_currency("USD"), std::nullopt);
  EXPECT_TRUE(valid_email(""));
  EXPECT_TRUE(valid_email("a.b@example.ma"));
  for (const char* bad : {"a", "@example.ma", "a@", "a@b", "a@@b.ma", "a b@c.ma", "a@b.", "a@.ma"}) {
    EXPECT_FALSE(valid_email(bad)) << bad;
  }
  EXPECT_TRUE(valid_id("MA-2024-0042"));
  EXPECT_FALSE(valid_id(""));
  EXPECT_FALSE(valid_id(std::string(65, '1')));
  EXPECT_FALSE(valid_id("10\n0"));
  EXPECT_EQ(trim("  a b \t"), "a b");
  EXPECT_EQ(trim("   "), "");
}

}  // namespace
}  // namespace plateau::crm
