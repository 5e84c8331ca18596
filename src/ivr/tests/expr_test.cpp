#include "ivr/expr.h"

#include <gtest/gtest.h>

namespace plateau::ivr {
namespace {

bool eval(const char* text, const Attributes& a) {
  auto e = compile_expr(text);
  EXPECT_TRUE(e) << text << ": " << e.error().message;
  return e && e->eval(a);
}

TEST(Expr, ComparesNumbersAsNumbersAndTextsAsTexts) {
  Attributes a{{"account.balance", "1234.50"}, {"reason", "billing"}, {"n", "9"}};
  EXPECT_TRUE(eval("account.balance > 1000", a));
  EXPECT_FALSE(eval("account.balance > 1234.5", a));
  EXPECT_TRUE(eval("n < 10", a));          // as numbers: 9 < 10
  EXPECT_TRUE(eval("n < \"10\"", a));      // "10" reads as a number too
  EXPECT_TRUE(eval("reason == \"billing\"", a));
  EXPECT_TRUE(eval("reason != \"sales\"", a));
  EXPECT_TRUE(eval("reason < \"c\"", a));  // texts in byte order
}

TEST(Expr, AndOrNotParenthesesAndTruth) {
  Attributes a{{"vip", "yes"}, {"blocked", "0"}, {"lang", "ar"}};
  EXPECT_TRUE(eval("vip and not blocked", a));
  EXPECT_FALSE(eval("missing", a));
  EXPECT_TRUE(eval("not missing", a));
  EXPECT_TRUE(eval("lang == \"fr\" or lang == \"ar\" and vip", a));
  EXPECT_FALSE(eval("(lang == \"fr\" or lang == \"ar\") and blocked", a));
  EXPECT_TRUE(eval("-1 < 0", a));
}

TEST(Expr, ErrorsGiveTheColumn) {
  auto e = compile_expr("reason == ");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, "ivr.expr");
  EXPECT_NE(e.error().message.find("column 11"), std::string::npos) << e.error().message;
  EXPECT_NE(compile_expr("(a == 1").error().message.find("expected \")\""), std::string::npos);
  EXPECT_NE(compile_expr("a == \"x").error().message.find("unterminated string"), std::string::npos);
  EXPECT_NE(compile_expr("a b").error().message.find("column 3: unexpected"), std::string::npos);
  EXPECT_NE(compile_expr("  ").error().message.find("empty condition"), std::string::npos);
  EXPECT_NE(compile_expr("a and or b").error().message.find("got \"or\""), std::string::npos);
}

TEST(Template, SubstitutesAttributes) {
  auto t = compile_template("Bonjour {customer.name}, {{n}} {missing}!");
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->render({{"customer.name", "Salma"}}), "Bonjour Salma, {n} !");
  EXPECT_EQ(t->names(), std::vector<std::string>({"customer.name", "missing"}));
  EXPECT_FALSE(compile_template("a {b"));
  EXPECT_NE(compile_template("a {9x}").error().message.find("bad attribute name"), std::string::npos);
}

}  // namespace
}  // namespace plateau::ivr
