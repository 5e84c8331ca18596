// `plateau crm import`: exit codes and output, on a real database file; and the
// shipped demo customers imported into the shipped demo tenant.
#include <gtest/gtest.h>

#include "app/customer_import.h"
#include "app/server.h"
#include "common/testing/temp_dir.h"
#include "provision/provision.h"
#include "store/sqlite_store.h"

namespace plateau::app {
namespace {

const std::string kHeader = "customer_id,name,phones,account_id,balance,currency\n";

class CrmImportCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    cfg_.data_dir = dir_.path();
    cfg_.store_path = "plateau.db";
    auto store = open();
    auto demo = provision::parse_string(provision::demo_provisioning(), "demo");
    ASSERT_TRUE(demo.ok());
    ASSERT_TRUE(store->apply_provisioning(*demo, "plateau").ok());
  }

  std::unique_ptr<store::Store> open() {
    auto s = store::open_sqlite(dir_.file("plateau.db"));
    EXPECT_TRUE(s.ok());
    return s.ok() ? std::move(s.value()) : nullptr;
  }

  int run(const std::string& file, std::string tenant = "demo", std::string country = "MA") {
    ::testing::internal::CaptureStdout();
    ::testing::internal::CaptureStderr();
    const int code = crm_import_command(cfg_, tenant, file, country);
    out_ = ::testing::internal::GetCapturedStdout();
    err_ = ::testing::internal::GetCapturedStderr();
    return code;
  }

  test_support::TempDir dir_;
  config::Config cfg_;
  std::string out_, err_;
};

TEST_F(CrmImportCommand, AllImported) {
  const auto file = dir_.write("c.csv", kHeader + "1,Ana,0612345678,A-1,10.5,MAD\n2,Bob,,,,\n");
  EXPECT_EQ(run(file), 0) << err_;
  EXPECT_EQ(out_, "customers: 2 created, 0 updated, 0 unchanged\n");
  auto found = open()->find_customer_by_phone("demo", "+212612345678");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->accounts.at(0).balance_cents, 1050);
}

TEST_F(CrmImportCommand, SomeLinesRejected) {
  const auto file = dir_.write("c.csv", kHeader + "1,Ana,0612345678,A-1,10.5,MAD\n2,Bob,06-12,,,\n");
  EXPECT_EQ(run(file), 3);
  EXPECT_EQ(out_, "customers: 1 created, 0 updated, 0 unchanged\nline 3: bad phone \"06-12\"\n");
  // Read as French numbers, Ana's phone changes.
  EXPECT_EQ(run(file, "demo", "FR"), 3);
  EXPECT_EQ(out_, "customers: 0 created, 1 updated, 0 unchanged\nline 3: bad phone \"06-12\"\n");
  auto ana = open()->find_customer("demo", "1");
  ASSERT_TRUE(ana.ok() && ana->has_value());
  EXPECT_EQ((*ana)->phones, std::vector<std::string>{"+33612345678"});
}

TEST_F(CrmImportCommand, UnreadableFileOrHeader) {
  EXPECT_EQ(run(dir_.file("missing.csv")), 2);
  EXPECT_NE(err_.find("cannot read"), std::string::npos) << err_;
  EXPECT_EQ(run(dir_.write("bad.csv", "id,name\n1,A\n")), 2);
  EXPECT_NE(err_.find("unknown column \"id\""), std::string::npos) << err_;
  EXPECT_EQ(out_, "");
}

TEST_F(CrmImportCommand, UnknownTenant) {
  EXPECT_EQ(run(dir_.write("c.csv", kHeader + "1,Ana,,,,\n"), "nosuch"), 1);
  EXPECT_NE(err_.find("unknown tenant \"nosuch\""), std::string::npos) << err_;
}

TEST_F(CrmImportCommand, TheDemoCustomersFitTheDemoTenant) {
  auto store = open();
  auto done = import_customer_csv(*store, "demo", crm::demo_customers());
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->parsed.rejected.size(), 0u) << to_text(*done);
  EXPECT_GE(done->summary.created, 10);
  auto c = store->find_customer_by_phone("demo", "+212600000001");
  ASSERT_TRUE(c.ok() && c->has_value());
  EXPECT_EQ((*c)->id, "100234");
  auto by_account = store->find_customer_by_account("demo", "MA-2024-0042");
  ASSERT_TRUE(by_account.ok() && by_account->has_value());
  EXPECT_EQ((*by_account)->accounts.at(0).balance_cents, 123450);
  EXPECT_EQ((*by_account)->accounts.at(0).last_payment_cents, 30000);
  EXPECT_EQ((*by_account)->accounts.at(0).last_payment_date, "2026-11-15");
}

}  // namespace
}  // namespace plateau::app
