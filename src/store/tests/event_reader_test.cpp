// The report reader on a real SQLite file: id order, range and tenant,
// agents' states before a range, reading while the store writes, and the log
// refusing DELETE (migration 10).
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "store/event_reader.h"
#include "store/tests/test_util.h"

namespace plateau::store {
namespace {

using testing::open_or_die;
using testing::TempDir;

TEST(EventReader, StreamsOneTenantsReportEventsInIdOrder) {
  TempDir dir;
  const std::string path = dir.file("plateau.db");
  auto store = open_or_die(path);
  ASSERT_NE(store, nullptr);
  auto add = [&](int64_t ts, const std::string& tenant, const std::string& kind, const std::string& agent,
                 const std::string& data) {
    ASSERT_TRUE(store->append_event({ts, tenant, kind, "c1", agent, data}).ok());
  };
  add(500, "t1", "agent.state", "a1", R"({"from":"logged_out","to":"not_ready","reason":"lunch"})");
  add(900, "t1", "agent.state", "a2", R"({"from":"ready","to":"logged_out","reason":"logout"})");
  add(1000, "t1", "call.queued", "", R"({"queue":"q1","priority":2})");
  add(1000, "t2", "call.queued", "", R"({"queue":"other"})");
  add(1001, "t1", "call.dtmf_sent", "a1", R"({"digits":"1"})");  // not a report kind
  add(1002, "t1", "call.overflow", "", R"({"why":"timeout","from":"q1","to":"q2"})");
  add(1003, "t1", "agent.state", "a1",
      R"({"from":"not_ready","to":"ready","from_reason":"lunch","reason":"","in_previous_ms":503})");
  add(1004, "t1", "call.ended", "", R"({"outcome":"abandoned","queue":"q2"})");
  add(2000, "t1", "call.queued", "", R"({"queue":"q1"})");  // after the range

  auto reader = EventReader::open(path);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  std::vector<report::Event> got;
  auto n = (*reader)->for_each("t1", 1000, 2000, [&](const report::Event& e) { got.push_back(e); });
  ASSERT_TRUE(n.ok()) << n.error().message;
  ASSERT_EQ(*n, 4);
  EXPECT_EQ(got[0].kind, report::Kind::Queued);
  EXPECT_EQ(got[0].queue, "q1");
  EXPECT_EQ(got[1].kind, report::Kind::Overflow);
  EXPECT_EQ(got[1].queue, "q2");
  EXPECT_EQ(got[2].kind, report::Kind::AgentState);
  EXPECT_EQ(got[2].from_reason, "lunch");
  EXPECT_EQ(got[2].in_previous_ms, 503);
  EXPECT_EQ(got[3].outcome, "abandoned");
  for (size_t i = 1; i < got.size(); ++i) EXPECT_LT(got[i - 1].id, got[i].id);

  auto seeds = (*reader)->agent_states_before("t1", 1000, 10'000);
  ASSERT_TRUE(seeds.ok()) << seeds.error().message;
  ASSERT_EQ(seeds->size(), 2u);
  EXPECT_EQ((*seeds)[0].agent, "a1");
  EXPECT_EQ((*seeds)[0].state, "not_ready");
  EXPECT_EQ((*seeds)[0].reason, "lunch");
  EXPECT_EQ((*seeds)[0].since_ms, 500);
  EXPECT_EQ((*seeds)[1].state, "logged_out");

  // The writer goes on while the reader reads; the next read sees the new row.
  add(1500, "t1", "call.queued", "", R"({"queue":"q3"})");
  n = (*reader)->for_each("t1", 1000, 2000, [](const report::Event&) {});
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 5);
  EXPECT_EQ((*reader)->for_each("t3", 0, 5000, [](const report::Event&) {}).value(), 0);
}

TEST(EventReader, TheLogRefusesDeleteAndUpdate) {
  TempDir dir;
  const std::string path = dir.file("plateau.db");
  auto store = open_or_die(path);
  ASSERT_TRUE(store->append_event({1, "t1", "call.queued", "c1", "", "{}"}).ok());
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &h), SQLITE_OK);
  char* err = nullptr;
  EXPECT_NE(sqlite3_exec(h, "DELETE FROM events", nullptr, nullptr, &err), SQLITE_OK);
  ASSERT_NE(err, nullptr);
  EXPECT_NE(std::string(err).find("immutable"), std::string::npos);
  sqlite3_free(err);
  EXPECT_NE(sqlite3_exec(h, "UPDATE events SET kind = 'x'", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(h);
  EXPECT_EQ(EventReader::open(dir.file("missing.db")).error().code, "store.io");
}

}  // namespace
}  // namespace plateau::store
