#include "crm/phone.h"

#include <gtest/gtest.h>

namespace plateau::crm {
namespace {

TEST(NormalizePhone, MoroccanForms) {
  for (const char* raw : {"0612345678", "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "+212 6 12 34 56 78",
                          "+212612345678", "00212612345678", "00 212 6 12 34 56 78", "212612345678",
                          "(0)6 12 34 56 78", "  0612345678  "}) {
    EXPECT_EQ(normalize_phone(raw), "+212612345678") << raw;
  }
  EXPECT_EQ(normalize_phone("0522334455"), "+212522334455");
  EXPECT_EQ(normalize_phone("+212600000001"), "+212600000001");
}

TEST(NormalizePhone, DefaultCountry) {
  EXPECT_EQ(normalize_phone("0612345678", "FR"), "+33612345678");
  EXPECT_EQ(normalize_phone("06 12 34 56 78", "fr"), "+33612345678");
  EXPECT_EQ(normalize_phone("0033612345678", "MA"), "+33612345678");
  EXPECT_EQ(normalize_phone("33612345678", "FR"), "+33612345678");
  EXPECT_EQ(normalize_phone("612345678", "ES"), "+34612345678");
  EXPECT_EQ(normalize_phone("954 123 456", "ES"), "+34954123456");
  EXPECT_EQ(normalize_phone("+34 612 345 678", "MA"), "+34612345678");
  // An international number keeps its own country whatever the default.
  EXPECT_EQ(normalize_phone("+212612345678", "FR"), "+212612345678");
}

TEST(NormalizePhone, RefusesWhatIsNotANumber) {
  for (const char* raw : {"", "   ", "06-12", "0612ABCDEF", "1-800-FLOWERS", "061234567890123456", "+", "++212612345678",
                          "06 12 + 34", "0612345678 ext 12", "06\t12345678", "phone", "1002", "+999 612345678"}) {
    EXPECT_EQ(normalize_phone(raw), std::nullopt) << raw;
  }
  EXPECT_EQ(normalize_phone("0612345678", "XX"), std::nullopt);
  EXPECT_EQ(normalize_phone("0612345678", ""), std::nullopt);
}

}  // namespace
}  // namespace plateau::crm

namespace plateau::crm {
namespace {

TEST(CallerForms, EveryWayACallShowsTheNumber) {
  EXPECT_EQ(caller_forms("+212612345678"),
            (std::vector<std::string>{"+212612345678", "00212612345678", "212612345678", "0612345678"}));
  EXPECT_EQ(caller_forms("+33612345678"),
            (std::vector<std::string>{"+33612345678", "0033612345678", "33612345678", "0612345678"}));
  EXPECT_EQ(caller_forms("+34612345678"),
            (std::vector<std::string>{"+34612345678", "0034612345678", "34612345678", "612345678"}));
  EXPECT_EQ(caller_forms("0612"), (std::vector<std::string>{"0612"}));
}

}  // namespace
}  // namespace plateau::crm
