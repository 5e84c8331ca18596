// The CRM's customers in a real SQLite file: import (upsert), look-ups, search.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/sqlite_db.h"
#include "store/sqlite_schema.h"
#include "store/tests/test_util.h"

namespace plateau::store {
namespace {

using testing::open_or_die;
using testing::TempDir;
using model::Account;
using model::Customer;

Customer youssef() {
  Customer c{.id = "100234",
             .name = "Youssef El Amrani",
             .language = "ar",
             .email = "y@example.ma",
             .address = "12 rue Ibn Batouta, Casablanca",
             .phones = {"+212600000001", "+212522334455"}};
  c.accounts = {{"MA-2024-0042", "mobile", "active", 123450, "MAD", 30000, "2026-11-15"},
                {"MA-2023-0917", "internet", "active", -1200, "MAD", 0, ""}};
  return c;
}

Customer marie() {
  Customer c{.id = "100238", .name = "Marie Dupont", .language = "fr", .phones = {"+33612345678"}};
  c.accounts = {{"FR-2024-0311", "mobile", "active", 4590, "EUR", 2999, "2026-11-05"}};
  return c;
}

// Only the imported content: the times are checked apart.
std::string content(const Customer& c) {
  std::string s = c.tenant + "/" + c.id + "|" + c.name + "|" + c.language + "|" + c.email + "|" + c.address + "|";
  for (const auto& p : c.phones) s += p + ",";
  for (const auto& a : c.accounts) {
    s += "|" + a.id + " " + a.kind + " " + a.status + " " + std::to_string(a.balance_cents) + " " + a.currency +
         " " + std::to_string(a.last_payment_cents) + " " + a.last_payment_date;
  }
  return s;
}

class Customers : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = open_or_die(dir_.file("plateau.db"));
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(store_->apply_provisioning(testing::two_tenants(), "plateau").ok());
  }

  ImportSummary import(const std::vector<Customer>& list, const std::string& tenant = "demo") {
    auto r = store_->import_customers(tenant, list);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : ImportSummary{};
  }

  Customer must_find(const std::string& id, const std::string& tenant = "demo") {
    auto r = store_->find_customer(tenant, id);
    EXPECT_TRUE(r.ok() && r->has_value()) << id;
    return r.ok() && r->has_value() ? **r : Customer{};
  }

  std::vector<std::string> search(const std::string& text, int limit = 100) {
    auto r = store_->search_customers("demo", text, limit);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    std::vector<std::string> ids;
    if (r.ok()) {
      for (const auto& c : *r) ids.push_back(c.id);
    }
    return ids;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(Customers, ImportCreatesThenUpdatesOrLeavesUnchanged) {
  EXPECT_EQ(import({youssef(), marie()}), (ImportSummary{.created = 2}));
  Customer got = must_find("100234");
  Customer want = youssef();
  want.tenant = "demo";
  EXPECT_EQ(content(got), content(want));
  EXPECT_GT(got.created_ms, 0);
  EXPECT_EQ(got.created_ms, got.updated_ms);

  EXPECT_EQ(import({youssef(), marie()}), (ImportSummary{.unchanged = 2}));
  EXPECT_EQ(must_find("100234").updated_ms, got.updated_ms);

  // New name, one phone fewer, one account gone and one balance changed.
  Customer changed = youssef();
  changed.name = "Youssef Amrani";
  changed.phones = {"+212522334455"};
  changed.accounts = {{"MA-2024-0042", "mobile", "suspended", 0, "MAD", 123450, "2026-11-20"}};
  EXPECT_EQ(import({changed}), (ImportSummary{.updated = 1}));
  Customer after = must_find("100234");
  changed.tenant = "demo";
  EXPECT_EQ(content(after), content(changed));
  EXPECT_EQ(after.created_ms, got.created_ms);
  EXPECT_GE(after.updated_ms, got.updated_ms);

  auto gone = store_->find_customer_by_account("demo", "MA-2023-0917");
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
  auto by_old_phone = store_->find_customer_by_phone("demo", "+212600000001");
  ASSERT_TRUE(by_old_phone.ok());
  EXPECT_FALSE(by_old_phone->has_value());
  // Customers absent from an import are kept.
  EXPECT_EQ(must_find("100238").name, "Marie Dupont");
}

TEST_F(Customers, LookUpsByPhoneAndAccount) {
  import({youssef(), marie()});
  Customer other{.id = "1", .name = "Someone Else", .phones = {"+212600000001"}};
  import({other}, "acme");  // the same number in another tenant does not count

  auto byphone = store_->find_customer_by_phone("demo", "+212600000001");
  ASSERT_TRUE(byphone.ok());
  ASSERT_TRUE(byphone->has_value());
  EXPECT_EQ((*byphone)->id, "100234");
  EXPECT_EQ((*byphone)->tenant, "demo");
  EXPECT_EQ((*byphone)->accounts.at(0).balance_cents, 123450);

  auto byaccount = store_->find_customer_by_account("demo", "FR-2024-0311");
  ASSERT_TRUE(byaccount.ok());
  ASSERT_TRUE(byaccount->has_value());
  EXPECT_EQ((*byaccount)->id, "100238");

  for (auto r : {store_->find_customer("demo", "nobody"), store_->find_customer("acme", "100234"),
                 store_->find_customer_by_account("acme", "FR-2024-0311"),
                 store_->find_customer_by_phone("demo", "0600000001")}) {
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->has_value());
  }
}

TEST_F(Customers, ASharedNumberIdentifiesNobody) {
  Customer wife = marie();
  wife.id = "100300";
  wife.accounts.clear();
  wife.phones = {"+212522334455"};  // the family's landline
  import({youssef(), wife});
  auto one = store_->find_customer_by_phone("demo", "+212522334455");
  ASSERT_TRUE(one.ok());
  EXPECT_FALSE(one->has_value());
  auto all = store_->find_customers_by_phone("demo", "+212522334455");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, "100234");
  EXPECT_EQ((*all)[1].id, "100300");
}

TEST_F(Customers, AnAccountMovesToItsNewCustomer) {
  import({youssef(), marie()});
  const int64_t before = must_find("100234").updated_ms;
  Customer heir{.id = "100400", .name = "Heir"};
  heir.accounts = {youssef().accounts[1]};
  EXPECT_EQ(import({heir}), (ImportSummary{.created = 1}));
  EXPECT_EQ(must_find("100234").accounts.size(), 1u);
  EXPECT_GE(must_find("100234").updated_ms, before);
  auto owner = store_->find_customer_by_account("demo", "MA-2023-0917");
  ASSERT_TRUE(owner.ok() && owner->has_value());
  EXPECT_EQ((*owner)->id, "100400");
}

TEST_F(Customers, BadInputWritesNothing) {
  import({marie()});
  Customer twin = youssef();
  twin.id = "100999";
  twin.accounts.clear();
  struct Case {
    std::string tenant;
    std::vector<Customer> list;
    std::string message;
  };
  Customer no_id = youssef();
  no_id.id = "";
  Customer same_account = twin;
  same_account.accounts = {marie().accounts[0], marie().accounts[0]};
  const Case cases[] = {
      {"nosuch", {youssef()}, "customers: unknown tenant \"nosuch\""},
      {"demo", {youssef(), youssef()}, "customers: customer \"100234\" is given twice"},
      {"demo", {youssef(), no_id}, "customers: a customer has an empty id"},
      {"demo", {youssef(), same_account}, "customers: account \"FR-2024-0311\" is given twice"},
  };
  for (const Case& c : cases) {
    auto r = store_->import_customers(c.tenant, c.list);
    ASSERT_FALSE(r.ok()) << c.message;
    EXPECT_EQ(r.error().code, "store.invalid");
    EXPECT_EQ(r.error().message, c.message);
  }
  EXPECT_EQ(search(""), (std::vector<std::string>{"100238"}));
  EXPECT_EQ(must_find("100238").accounts.size(), 1u);
}

TEST_F(Customers, SearchFindsArabicNamesAndRenamedCustomers) {
  Customer karim{.id = "100300", .name = "كريم العلوي"};
  import({karim, marie()});
  using Ids = std::vector<std::string>;
  EXPECT_EQ(search("العلو"), Ids{"100300"});
  Customer renamed = marie();
  renamed.name = "Marie Lefèvre";
  import({renamed});
  EXPECT_EQ(search("dupont"), Ids{});
  EXPECT_EQ(search("lefevre"), Ids{"100238"});
}

// A database made before the name index finds its customers by name after the migration.
TEST(CustomersMigration, NamesOfADatabaseOfVersion9AreIndexed) {
  TempDir dir;
  const std::string path = dir.file("plateau.db");
  {
    auto db = sqlite::Db::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(sqlite::migrate(**db, sqlite::migrations().first(9)).ok());
    ASSERT_TRUE((*db)->exec("INSERT INTO tenants VALUES('demo', 'Démo', 'Africa/Casablanca', 'fr');"
                            "INSERT INTO customers VALUES('demo', '100234', 'Salma Bennani', 'fr', '', '', 1, 1);")
                    .ok());
  }
  auto s = open_or_die(path);
  ASSERT_NE(s, nullptr);
  auto r = s->search_customers("demo", "benn", 10);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].id, "100234");
}

TEST_F(Customers, Search) {
  Customer lucia{.id = "100240", .name = "Lucía García Fernández", .phones = {"+34612345678"}};
  Customer percent{.id = "100250", .name = "100% Bio SARL"};
  import({youssef(), marie(), lucia, percent});
  using Ids = std::vector<std::string>;
  EXPECT_EQ(search("100234"), Ids{"100234"});
  EXPECT_EQ(search("MA-2024-0042"), Ids{"100234"});
  EXPECT_EQ(search("you"), Ids{"100234"});
  EXPECT_EQ(search("amr"), Ids{"100234"});  // a word of the name
  EXPECT_EQ(search("mri"), Ids{});          // not inside a word
  EXPECT_EQ(search("Garc"), Ids{"100240"});
  EXPECT_EQ(search("0612345678"), (Ids{"100240", "100238"}));  // ordered by name
  EXPECT_EQ(search("+212 6 00 00 00 01"), Ids{"100234"});
  EXPECT_EQ(search("600000001"), Ids{"100234"});
  EXPECT_EQ(search("00001"), Ids{});  // too few digits for a phone
  EXPECT_EQ(search("100%"), Ids{"100250"});
  EXPECT_EQ(search("1_0"), Ids{});
  EXPECT_EQ(search("").size(), 4u);
  EXPECT_EQ(search("", 2), (Ids{"100250", "100240"}));
  EXPECT_EQ(search("   ").size(), 4u);
  // Words in any order, each a prefix of a word; case and accents ignored.
  EXPECT_EQ(search("garcia FERN"), Ids{"100240"});
  EXPECT_EQ(search("lucia"), Ids{"100240"});
  EXPECT_EQ(search("amrani youss"), Ids{"100234"});
  EXPECT_EQ(search("amrani marie"), Ids{});
  EXPECT_EQ(search("\"garc"), Ids{"100240"});  // quotes are not query syntax
  EXPECT_EQ(search("- * ( )"), Ids{});       // nothing to look up
  for (int bad : {0, -1, Store::kMaxCustomerSearch + 1}) {
    auto r = store_->search_customers("demo", "x", bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "store.bad_query");
  }
  auto other = store_->search_customers("acme", "", 10);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->empty());
}

TEST_F(Customers, ReopenedDatabaseKeepsThem) {
  import({youssef()});
  store_.reset();
  store_ = open_or_die(dir_.file("plateau.db"));
  ASSERT_NE(store_, nullptr);
  Customer want = youssef();
  want.tenant = "demo";
  EXPECT_EQ(content(must_find("100234")), content(want));
}

TEST_F(Customers, ImportInsideABatchIsUndoneWithItsJob) {
  ASSERT_TRUE(store_->begin().ok());
  ASSERT_TRUE(store_->savepoint().ok());
  import({youssef()});
  ASSERT_TRUE(store_->rollback_to_savepoint().ok());
  ASSERT_TRUE(store_->savepoint().ok());
  import({marie()});
  ASSERT_TRUE(store_->release_savepoint().ok());
  ASSERT_TRUE(store_->commit().ok());
  EXPECT_EQ(search(""), std::vector<std::string>{"100238"});
}

}  // namespace
}  // namespace plateau::store
