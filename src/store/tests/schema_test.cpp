#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "model/testing/dump.h"
#include "store/ha1.h"
#include "store/sqlite_db.h"
#include "store/sqlite_schema.h"
#include "store/tests/test_util.h"

namespace plateau::store {
namespace {

using testing::open_or_die;
using testing::TempDir;

// Direct access to the file, bypassing the Store, to see what it really wrote.
class Raw {
 public:
  explicit Raw(const std::string& path) { EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK); }
  ~Raw() { sqlite3_close(db_); }
  std::string scalar(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db_);
    std::string out = "<none>";
    if (sqlite3_step(s) == SQLITE_ROW) {
      auto* t = sqlite3_column_text(s, 0);
      out = t ? reinterpret_cast<const char*>(t) : "<null>";
    }
    sqlite3_finalize(s);
    return out;
  }
  int exec(const std::string& sql) { return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr); }

 private:
  sqlite3* db_ = nullptr;
};

TEST(Schema, MigratesAnEmptyFile) {
  TempDir dir;
  const std::string path = dir.file("plateau.db");
  ASSERT_NE(open_or_die(path), nullptr);
  Raw raw(path);
  EXPECT_EQ(raw.scalar("SELECT MAX(version) FROM schema_version"),
            std::to_string(sqlite::latest_schema_version()));
  EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM schema_version"), std::to_string(sqlite::migrations().size()));
  for (const char* table :
       {"tenants", "tenant_not_ready_reasons", "tenant_dispositions", "tenant_agents_from", "trunks",
        "trunk_addresses", "queues", "queue_relax", "numbers", "agents", "agent_queues", "agent_skills",
        "phones", "calls", "events", "customers", "customer_phones", "accounts", "users", "user_memberships",
        "sessions"}) {
    EXPECT_EQ(raw.scalar(std::string("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='") +
                         table + "'"),
              "1")
        << table;
  }
  for (const char* index : {"calls_start", "calls_tenant_start", "customer_phones_phone", "accounts_customer"}) {
    EXPECT_EQ(raw.scalar(std::string("SELECT COUNT(*) FROM sqlite_master WHERE type='index' AND name='") +
                         index + "'"),
              "1")
        << index;
  }
  EXPECT_EQ(raw.scalar("PRAGMA journal_mode"), "wal");
}

TEST(Schema, ReopenKeepsDataAndDoesNotRerun) {
  TempDir dir;
  const std::string path = dir.file("plateau.db");
  {
    auto store = open_or_die(path);
    ASSERT_NE(store, nullptr);
    model::CallRecord r;
    r.id = "c-keep";
    ASSERT_TRUE(store->insert_call(r).ok());
  }
  std::string applied;
  {
    Raw raw(path);
    applied = raw.scalar("SELECT group_concat(version || ':' || applied_ms) FROM schema_version");
    // Mark the row: a re-run migration would rewrite it or fail on the existing tables.
    ASSERT_EQ(raw.exec("UPDATE schema_version SET applied_ms = 12345 WHERE version = 1"), SQLITE_OK);
  }
  auto store = open_or_die(path);
  ASSERT_NE(store, nullptr);
  auto calls = store->query_calls({});
  ASSERT_TRUE(calls.ok());
  ASSERT_EQ(calls->size(), 1u);
  EXPECT_EQ((*calls)[0].id, "c-keep");
  Raw raw(path);
  EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM schema_version"), std::to_string(sqlite::migrations().size()));
  EXPECT_EQ(raw.scalar("SELECT applied_ms FROM schema_version WHERE version = 1"), "12345");
  EXPECT_FALSE(applied.empty());
}

// A database written at schema version 1 (before the ACD settings) opens at the
// latest version with its rows kept, and reads as the same file reads today.
TEST(Schema, UpgradesAVersion1DatabaseInPlace) {
  TempDir dir;
  const std::string path = dir.file("plateau.db");
  {
    auto db = sqlite::Db::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(sqlite::migrate(**db, sqlite::migrations().first(1)).ok());
  }
  const std::string ha1 = *compute_ha1("1001", "plateau", "demo1001");
  {
    Raw raw(path);
    ASSERT_EQ(
        raw.exec("PRAGMA foreign_keys=ON;"
                 "INSERT INTO tenants VALUES('demo', 'Démo', 'Africa/Casablanca', 'fr');"
                 "INSERT INTO trunks VALUES('demo', 'local');"
                 "INSERT INTO trunk_addresses VALUES('demo', 'local', 0, '127.0.0.0/8');"
                 "INSERT INTO trunk_addresses VALUES('demo', 'local', 1, '::1');"
                 "INSERT INTO queues VALUES('demo', 'sales', 'Ventes', 20, 300, 0, 'moh');"
                 "INSERT INTO queues VALUES('demo', 'support', 'Support', 15, 600, 5, 'moh');"
                 "INSERT INTO numbers VALUES('demo', '3000', 'queue', 'welcome', 'support');"
                 "INSERT INTO agents VALUES('demo', '1001', 'Salma', '1001', 1);"
                 "INSERT INTO agent_queues VALUES('demo', '1001', 0, 'support');"
                 "INSERT INTO agent_queues VALUES('demo', '1001', 1, 'sales');"
                 "INSERT INTO phones VALUES('1001', 'demo', '" +
                 ha1 +
                 "', 'plateau');"
                 "INSERT INTO calls(id, sip_call_id, tenant, caller, number, queue, agent, start_ms, "
                 "answer_ms, end_ms, wait_ms, ring_ms, talk_ms, outcome, reason, recording) VALUES('c-old', "
                 "'x', 'demo', '0600', '3000', 'support', '1001', 1, 2, 3, 1, 1, 1, 'answered', '', '');"),
        SQLITE_OK);
  }

  auto store = open_or_die(path);
  ASSERT_NE(store, nullptr);
  {
    Raw raw(path);
    std::string every;
    for (const auto& m : sqlite::migrations()) every += (every.empty() ? "" : ",") + std::to_string(m.version);
    EXPECT_EQ(raw.scalar("SELECT group_concat(version) FROM schema_version"), every);
    EXPECT_EQ(
        raw.scalar("SELECT COUNT(*) FROM sqlite_master WHERE type='index' AND name='agent_queues_queue'"),
        "1");
    EXPECT_EQ(raw.scalar("PRAGMA foreign_key_check"), "<none>");
  }
  auto calls = store->query_calls({});
  ASSERT_TRUE(calls.ok());
  ASSERT_EQ(calls->size(), 1u);

  // What the same objects are when a provisioning file without the ACD keys is read.
  model::Provisioning want;
  want.tenants.push_back({.name = "demo", .display_name = "Démo"});
  want.trunks.push_back({.tenant = "demo", .name = "local", .addresses = {"127.0.0.0/8", "::1"}});
  want.queues.push_back(
      {.tenant = "demo", .name = "sales", .display_name = "Ventes", .ring_timeout_s = 20, .max_wait_s = 300});
  want.queues.push_back({.tenant = "demo", .name = "support", .display_name = "Support", .wrapup_s = 5});
  want.numbers.push_back({.tenant = "demo", .did = "3000", .greeting = "welcome", .queue = "support"});
  want.agents.push_back({.tenant = "demo",
                         .login = "1001",
                         .name = "Salma",
                         .queues = {{"demo", "support", 1}, {"demo", "sales", 1}},
                         .phone = "1001"});
  want.phones.push_back({.tenant = "demo", .username = "1001", .ha1 = ha1});
  auto loaded = store->load_provisioning();
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(test_support::dump(*loaded), test_support::dump(want));

  want.phones[0].password = "demo1001";
  auto again = store->apply_provisioning(want, "plateau");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_FALSE(again->changed()) << to_text(*again);

  // The upgraded tables take every new setting.
  auto acd = store->apply_provisioning(testing::with_acd_settings(), "plateau");
  ASSERT_TRUE(acd.ok()) << acd.error().message;
  auto reloaded = store->load_provisioning();
  ASSERT_TRUE(reloaded.ok());
  EXPECT_NE(test_support::dump(*reloaded).find("|queues=[ acme/support*3 demo/sales*4]|skills=[ lang_en=4]"),
            std::string::npos)
      << test_support::dump(*reloaded);
}

TEST(Schema, AnUnknownStoredValueIsACleanError) {
  TempDir dir;
  const std::string path = dir.file("plateau.db");
  auto store = open_or_die(path);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->apply_provisioning(testing::with_acd_settings(), "plateau").ok());
  {
    Raw raw(path);
    ASSERT_EQ(raw.exec("UPDATE queues SET on_full = 'teleport' WHERE tenant = 'demo' AND name = 'sales'"),
              SQLITE_OK);
  }
  auto loaded = store->load_provisioning();
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, "store.io");
  EXPECT_EQ(
      loaded.error().message,
      "stored queue \"sales\" of tenant \"demo\" field 15 holds \"teleport\", which is not a valid value");
}

TEST(Schema, NewerDatabaseIsRefused) {
  TempDir dir;
  const std::string path = dir.file("plateau.db");
  ASSERT_NE(open_or_die(path), nullptr);
  const int newer = sqlite::latest_schema_version() + 1;
  {
    Raw raw(path);
    ASSERT_EQ(
        raw.exec("INSERT INTO schema_version VALUES(" + std::to_string(newer) + ", 'from the future', 0)"),
        SQLITE_OK);
  }
  auto s = open_sqlite(path);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "store.schema_newer");
  EXPECT_NE(s.error().message.find("version " + std::to_string(newer)), std::string::npos)
      << s.error().message;
  EXPECT_NE(s.error().message.find(path), std::string::npos);
}

TEST(Schema, AMigrationNumberedBelowTheLatestAppliedIsAppliedToo) {
  TempDir dir;
  const std::string path = dir.file("m.db");
  auto db = sqlite::Db::open(path);
  ASSERT_TRUE(db.ok());
  const sqlite::Migration before[] = {{1, "one", "CREATE TABLE a(x INTEGER);"}, {3, "three", "CREATE TABLE c(x INTEGER);"}};
  ASSERT_TRUE(sqlite::migrate(**db, before).ok());
  const sqlite::Migration after[] = {{1, "one", "CREATE TABLE a(x INTEGER);"},
                                     {2, "two", "CREATE TABLE b(x INTEGER);"},
                                     {3, "three", "CREATE TABLE c(x INTEGER);"}};
  ASSERT_TRUE(sqlite::migrate(**db, after).ok());
  ASSERT_TRUE(sqlite::migrate(**db, after).ok());  // nothing left to do
  Raw raw(path);
  EXPECT_EQ(raw.scalar("SELECT group_concat(version) FROM (SELECT version FROM schema_version ORDER BY version)"),
            "1,2,3");
  EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name='b'"), "1");
}

TEST(Schema, FailedMigrationLeavesThePreviousVersion) {
  TempDir dir;
  const std::string path = dir.file("m.db");
  auto db = sqlite::Db::open(path);
  ASSERT_TRUE(db.ok());
  const sqlite::Migration list[] = {
      {1, "one", "CREATE TABLE a(x INTEGER);"},
      {2, "two", "CREATE TABLE b(x INTEGER); INSERT INTO nosuch VALUES(1);"},
  };
  Status st = sqlite::migrate(**db, list);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("migration 2"), std::string::npos) << st.error().message;
  Raw raw(path);
  EXPECT_EQ(raw.scalar("SELECT MAX(version) FROM schema_version"), "1");
  EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name='a'"), "1");
  EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name='b'"), "0");
}

TEST(Schema, EventLogIsAppendOnly) {
  TempDir dir;
  const std::string path = dir.file("plateau.db");
  auto store = open_or_die(path);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->append_event({1, "demo", "agent.state", "", "1001", "{}"}).ok());
  Raw raw(path);
  EXPECT_NE(raw.exec("UPDATE events SET kind = 'forged'"), SQLITE_OK);
  EXPECT_EQ(raw.scalar("SELECT kind FROM events"), "agent.state");
}

TEST(Open, MissingDirectoryIsAClearError) {
  TempDir dir;
  const std::string missing = dir.file("no-such-dir");
  auto s = open_sqlite(missing + "/plateau.db");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "store.io");
  EXPECT_NE(s.error().message.find(missing), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("does not exist"), std::string::npos) << s.error().message;
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST(Open, NotADatabaseIsAnError) {
  TempDir dir;
  const std::string path = dir.file("garbage.db");
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("this is not a database file, just text long enough to have a header......", f);
    std::fclose(f);
  }
  auto s = open_sqlite(path);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find(path), std::string::npos) << s.error().message;
}

}  // namespace
}  // namespace plateau::store
