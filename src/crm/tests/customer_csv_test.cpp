#include "crm/customer_csv.h"

#include <gtest/gtest.h>

#include <set>

namespace plateau::crm {
namespace {

const std::string kHeader =
    "customer_id,name,language,email,address,phones,account_id,account_kind,account_status,balance,currency,"
    "last_payment,last_payment_date\n";

ParsedCustomers parse_ok(const std::string& text, ImportOptions opt = {}) {
  auto r = parse_customers_csv(text, opt);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r.value()) : ParsedCustomers{};
}

std::string reasons(const ParsedCustomers& p) {
  std::string s;
  for (const auto& r : p.rejected) s += to_text(r) + "\n";
  return s;
}

TEST(CustomerCsv, OneCustomerWithTwoAccounts) {
  auto p = parse_ok(kHeader +
                    "100234,Youssef El Amrani,AR,y@example.ma,\"12 rue Ibn Batouta, Casablanca\","
                    "+212600000001| 05 22 33 44 55 ,MA-2024-0042,mobile,active,1234.50,MAD,300.00,2026-11-15\n"
                    "100234,Youssef El Amrani,ar,y@example.ma,\"12 rue Ibn Batouta, Casablanca\","
                    "0600000001|0522334455,MA-2023-0917,internet,suspended,-12,mad,,\n",
                    {.tenant = "demo"});
  EXPECT_EQ(reasons(p), "");
  EXPECT_EQ(p.lines, 2);
  ASSERT_EQ(p.customers.size(), 1u);
  const model::Customer& c = p.customers[0];
  EXPECT_EQ(c.tenant, "demo");
  EXPECT_EQ(c.id, "100234");
  EXPECT_EQ(c.name, "Youssef El Amrani");
  EXPECT_EQ(c.language, "ar");
  EXPECT_EQ(c.email, "y@example.ma");
  EXPECT_EQ(c.address, "12 rue Ibn Batouta, Casablanca");
  EXPECT_EQ(c.phones, (std::vector<std::string>{"+212600000001", "+212522334455"}));
  ASSERT_EQ(c.accounts.size(), 2u);
  EXPECT_EQ(c.accounts[0], (model::Account{"MA-2024-0042", "mobile", "active", 123450, "MAD", 30000, "2026-11-15"}));
  EXPECT_EQ(c.accounts[1], (model::Account{"MA-2023-0917", "internet", "suspended", -1200, "MAD", 0, ""}));
}

TEST(CustomerCsv, SemicolonFileWithDecimalCommaBomAndColumnsInAnyOrder) {
  auto p = parse_ok("\xEF\xBB\xBF" "Name;CUSTOMER_ID;phones;balance;currency;account_id\r\n"
                    "Marie Dupont;200;06 12 34 56 78;\"45,90\";EUR;FR-1\r\n"
                    "Lucía García;201;;12;EUR;ES-1\r\n",
                    {.default_country = "FR"});
  EXPECT_EQ(reasons(p), "");
  ASSERT_EQ(p.customers.size(), 2u);
  EXPECT_EQ(p.customers[0].phones, (std::vector<std::string>{"+33612345678"}));
  EXPECT_EQ(p.customers[0].accounts[0].balance_cents, 4590);
  EXPECT_EQ(p.customers[1].name, "Lucía García");
  EXPECT_TRUE(p.customers[1].phones.empty());
}

TEST(CustomerCsv, ACustomerWithoutAccounts) {
  auto p = parse_ok("customer_id,name,account_id\n7,Nadia,\n");
  ASSERT_EQ(p.customers.size(), 1u);
  EXPECT_TRUE(p.customers[0].accounts.empty());
}

// Each broken line, alone in a file with one good customer: the line is
// reported with its reason and the good customer is still imported.
TEST(CustomerCsv, EveryKindOfBrokenLine) {
  const std::string good = "1,Good,fr,,,0612345678,A-1,mobile,active,1,MAD,,\n";
  struct Case {
    std::string line;
    std::string reason;
  };
  const Case cases[] = {
      {",No Id,fr,,,,,,,,,,", "missing customer_id"},
      {"9,,fr,,,,,,,,,,", "missing name"},
      {"9,X,de,,,,,,,,,,", "unknown language \"de\" (fr, ar, es or en)"},
      {"9,X,fr,not-an-email,,,,,,,,,", "bad email \"not-an-email\""},
      {"9,X,fr,,,0612345678|06-12,,,,,,,", "bad phone \"06-12\""},
      {"9,X,fr,,,06AB,,,,,,,", "bad phone \"06AB\""},
      {"9,X,fr,,,,B-1,mobile,active,12.345,MAD,,", "bad amount \"12.345\" in balance"},
      {"9,X,fr,,,,B-1,mobile,active,\"1234,50\",MAD,,", "bad amount \"1234,50\" in balance"},
      {"9,X,fr,,,,B-1,mobile,active,1,MAD,1O0,", "bad amount \"1O0\" in last_payment"},
      {"9,X,fr,,,,B-1,mobile,active,1,MAD,1,2026-02-30", "bad date \"2026-02-30\" in last_payment_date (YYYY-MM-DD)"},
      {"9,X,fr,,,,B-1,mobile,active,1,USD,,", "unknown currency \"USD\" (MAD or EUR)"},
      {"9,X,fr,,,,B-1,mobile,active,1,,,", "missing currency for account \"B-1\""},
      {"9,X,fr,,,,,mobile,,,,,", "account_kind given without account_id"},
      {"9,X,fr,,,,A-1,mobile,active,1,MAD,,", "duplicate account id \"A-1\" (also on line 2)"},
      {"9,X,fr", "has 3 fields, the header has 13"},
      {"9,X,fr,,,,,,,,,,,", "has 14 fields, the header has 13"},
      {"9,\"X\"y,fr,,,,,,,,,,", "text after the closing quote of field 2"},
      {"9,X\"y,fr,,,,,,,,,,", "a quote inside field 2, which is not quoted (write \"\" inside a quoted field)"},
      {"9,Caf\xE9,fr,,,,,,,,,,", "field 2 is not valid UTF-8 (save the file as UTF-8)"},
      {"9\x01,X,fr,,,,,,,,,,", "bad customer_id \"9\x01\" (1 to 64 characters, no control characters)"},
  };
  for (const Case& c : cases) {
    auto p = parse_ok(kHeader + good + c.line + "\n");
    ASSERT_EQ(p.rejected.size(), 1u) << c.line << "\n" << reasons(p);
    EXPECT_EQ(p.rejected[0].line, 3) << c.line;
    EXPECT_EQ(p.rejected[0].reason, c.reason) << c.line;
    ASSERT_EQ(p.customers.size(), 1u) << c.line;
    EXPECT_EQ(p.customers[0].id, "1");
  }
}

TEST(CustomerCsv, ARejectedLineRejectsItsWholeCustomer) {
  auto p = parse_ok(kHeader +
                    "5,Sara,fr,,,0612345678,S-1,mobile,active,1,MAD,,\n"  // line 2
                    "6,Other,fr,,,,O-1,mobile,active,1,MAD,,\n"           // line 3
                    "5,Sara,fr,,,0612345678,S-2,mobile,active,oops,MAD,,\n"  // line 4: bad amount
                    "5,Sara,fr,,,0612345678,S-3,mobile,active,1,MAD,,\n");  // line 5
  ASSERT_EQ(p.customers.size(), 1u);
  EXPECT_EQ(p.customers[0].id, "6");
  EXPECT_EQ(reasons(p),
            "line 2: customer \"5\" is not imported: line 4 was rejected\n"
            "line 4: bad amount \"oops\" in balance\n"
            "line 5: customer \"5\" is not imported: line 4 was rejected\n");
  EXPECT_EQ(p.rejected[0].customer_id, "5");
}

TEST(CustomerCsv, ConflictingCustomerFields) {
  auto p = parse_ok(kHeader +
                    "5,Sara,fr,,,0612345678,S-1,mobile,active,1,MAD,,\n"
                    "5,Sarah,fr,,,0612345678,S-2,mobile,active,1,MAD,,\n"
                    "7,Ali,ar,,,0612345678,,,,,,,\n"
                    "7,Ali,ar,,,+212 6 12 34 56 78,A-7,mobile,active,1,MAD,,\n"  // same phone, written otherwise
                    "8,Lina,fr,,,0611111111,,,,,,,\n"
                    "8,Lina,fr,,,0611111111|0622222222,,,,,,,\n");
  ASSERT_EQ(p.customers.size(), 1u) << reasons(p);
  EXPECT_EQ(p.customers[0].id, "7");
  EXPECT_EQ(p.customers[0].accounts.size(), 1u);
  ASSERT_EQ(p.rejected.size(), 4u) << reasons(p);
  EXPECT_EQ(p.rejected[1].reason, "conflicting name for customer \"5\": \"Sarah\" here, \"Sara\" on line 2");
  EXPECT_EQ(p.rejected[3].reason,
            "conflicting phones for customer \"8\": \"+212611111111|+212622222222\" here, \"+212611111111\" on "
            "line 6");
}

TEST(CustomerCsv, DuplicateAccountAcrossCustomersRejectsTheLaterOne) {
  auto p = parse_ok(kHeader + "1,A,fr,,,,X-1,mobile,active,1,MAD,,\n2,B,fr,,,,X-1,mobile,active,1,MAD,,\n");
  ASSERT_EQ(p.customers.size(), 1u);
  EXPECT_EQ(p.customers[0].id, "1");
  EXPECT_EQ(reasons(p), "line 3: duplicate account id \"X-1\" (also on line 2)\n");
}

TEST(CustomerCsv, LineNumbersCountQuotedLineEnds) {
  auto p = parse_ok(kHeader + "1,A,fr,,\"two\nlines\",,,,,,,,\n\n2,B,xx,,,,,,,,,,\n");
  ASSERT_EQ(p.rejected.size(), 1u);
  EXPECT_EQ(p.rejected[0].line, 5);
  EXPECT_EQ(p.customers[0].address, "two\nlines");
  EXPECT_EQ(p.lines, 2);
}

TEST(CustomerCsv, HeaderErrorsFailTheFile) {
  struct Case {
    std::string text, message;
  };
  const Case cases[] = {
      {"", "the file is empty: the first line must name the columns"},
      {"name,phones\nA,0612345678\n", "header: the column \"customer_id\" is missing"},
      {"customer_id,phone\n1,0612345678\n", "header: unknown column \"phone\" (known: customer_id, name, "},
      {"customer_id,name,Name\n", "header: column \"name\" appears twice"},
  };
  for (const Case& c : cases) {
    auto r = parse_customers_csv(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().code, "crm.bad_file");
    EXPECT_TRUE(r.error().message.starts_with(c.message)) << r.error().message;
  }
}

TEST(CustomerCsv, TheDemoCustomersAreAllGood) {
  auto p = parse_ok(std::string(demo_customers()), {.tenant = "demo"});
  EXPECT_EQ(reasons(p), "");
  EXPECT_GE(p.customers.size(), 10u);
  const model::Customer* c = nullptr;
  for (const auto& x : p.customers) {
    if (x.id == "100234") c = &x;
  }
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->phones[0], "+212600000001");
  EXPECT_EQ(c->accounts[0], (model::Account{"MA-2024-0042", "mobile", "active", 123450, "MAD", 30000, "2026-11-15"}));
  std::set<std::string> languages, currencies, countries;
  for (const auto& x : p.customers) {
    languages.insert(x.language);
    for (const auto& a : x.accounts) currencies.insert(a.currency);
    for (const auto& ph : x.phones) countries.insert(ph.substr(0, 3));
  }
  EXPECT_EQ(languages, (std::set<std::string>{"ar", "en", "es", "fr"}));
  EXPECT_EQ(currencies, (std::set<std::string>{"EUR", "MAD"}));
  EXPECT_EQ(countries, (std::set<std::string>{"+21", "+33", "+34"}));
}

}  // namespace
}  // namespace plateau::crm
