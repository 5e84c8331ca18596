#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/tests/test_util.h"

namespace plateau::store {
namespace {

using testing::open_or_die;
using testing::TempDir;

model::CallRecord call(std::string id, std::string tenant, int64_t start_ms) {
  model::CallRecord r;
  r.id = std::move(id);
  r.sip_call_id = "sip-" + r.id;
  r.tenant = std::move(tenant);
  r.caller = "0600000001";
  r.number = "0522000000";
  r.queue = "sales";
  r.agent = "1001";
  r.start_ms = start_ms;
  r.answer_ms = start_ms + 5000;
  r.end_ms = start_ms + 65000;
  r.wait_ms = 5000;
  r.ring_ms = 3000;
  r.talk_ms = 60000;
  r.outcome = model::CallOutcome::Answered;
  r.reason = "agent_hangup";
  r.recording = "recordings/" + r.id + ".wav";
  return r;
}

std::vector<std::string> ids(const std::vector<model::CallRecord>& v) {
  std::vector<std::string> out;
  for (const auto& r : v) out.push_back(r.id);
  return out;
}

class CallsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = open_or_die(dir_.file("plateau.db"));
    ASSERT_NE(store_, nullptr);
  }
  std::vector<model::CallRecord> query(const CallQuery& q) {
    auto r = store_->query_calls(q);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : std::vector<model::CallRecord>{};
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(CallsTest, EveryFieldRoundTrips) {
  model::CallRecord r = call("c-1", "demo", 1'700'000'000'000);
  r.outcome = model::CallOutcome::NoAgent;
  r.agent = "";
  ASSERT_TRUE(store_->insert_call(r).ok());
  auto got = query({});
  ASSERT_EQ(got.size(), 1u);
  const auto& g = got[0];
  EXPECT_EQ(g.id, r.id);
  EXPECT_EQ(g.sip_call_id, r.sip_call_id);
  EXPECT_EQ(g.tenant, r.tenant);
  EXPECT_EQ(g.caller, r.caller);
  EXPECT_EQ(g.number, r.number);
  EXPECT_EQ(g.queue, r.queue);
  EXPECT_EQ(g.agent, r.agent);
  EXPECT_EQ(g.start_ms, r.start_ms);
  EXPECT_EQ(g.answer_ms, r.answer_ms);
  EXPECT_EQ(g.end_ms, r.end_ms);
  EXPECT_EQ(g.wait_ms, r.wait_ms);
  EXPECT_EQ(g.ring_ms, r.ring_ms);
  EXPECT_EQ(g.talk_ms, r.talk_ms);
  EXPECT_EQ(g.outcome, model::CallOutcome::NoAgent);
  EXPECT_EQ(g.reason, r.reason);
  EXPECT_EQ(g.recording, r.recording);
}

TEST_F(CallsTest, DuplicateIdIsRefused) {
  ASSERT_TRUE(store_->insert_call(call("c-1", "demo", 10)).ok());
  Status st = store_->insert_call(call("c-1", "demo", 20));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "store.constraint");
  EXPECT_NE(st.error().message.find("c-1"), std::string::npos);
  EXPECT_EQ(query({}).size(), 1u);
}

TEST_F(CallsTest, WindowTenantLimitAndOrder) {
  // Inserted out of order; two calls share start 200 to check the id tie-break.
  ASSERT_TRUE(store_->insert_call(call("c-b", "demo", 200)).ok());
  ASSERT_TRUE(store_->insert_call(call("c-a", "demo", 200)).ok());
  ASSERT_TRUE(store_->insert_call(call("c-0", "demo", 100)).ok());
  ASSERT_TRUE(store_->insert_call(call("c-x", "acme", 150)).ok());
  ASSERT_TRUE(store_->insert_call(call("c-z", "demo", 300)).ok());

  EXPECT_EQ(ids(query({})), (std::vector<std::string>{"c-0", "c-x", "c-a", "c-b", "c-z"}));

  CallQuery q;
  q.from_ms = 150;
  q.to_ms = 300;  // half-open: 300 is out
  EXPECT_EQ(ids(query(q)), (std::vector<std::string>{"c-x", "c-a", "c-b"}));

  q.tenant = "demo";
  EXPECT_EQ(ids(query(q)), (std::vector<std::string>{"c-a", "c-b"}));

  q = {};
  q.tenant = "acme";
  EXPECT_EQ(ids(query(q)), (std::vector<std::string>{"c-x"}));

  q = {};
  q.limit = 2;
  EXPECT_EQ(ids(query(q)), (std::vector<std::string>{"c-0", "c-x"}));
  q.offset = 2;
  EXPECT_EQ(ids(query(q)), (std::vector<std::string>{"c-a", "c-b"}));
  q.offset = 4;
  EXPECT_EQ(ids(query(q)), (std::vector<std::string>{"c-z"}));
}

TEST_F(CallsTest, BadQueriesAreRefused) {
  for (int limit : {0, -1, CallQuery::kMaxLimit + 1}) {
    CallQuery q;
    q.limit = limit;
    auto r = store_->query_calls(q);
    ASSERT_FALSE(r.ok()) << limit;
    EXPECT_EQ(r.error().code, "store.bad_query");
  }
  CallQuery q;
  q.limit = CallQuery::kMaxLimit;
  EXPECT_TRUE(store_->query_calls(q).ok());
  q.offset = -1;
  EXPECT_FALSE(store_->query_calls(q).ok());
}

TEST_F(CallsTest, EventsAppendAndQueryInOrder) {
  std::vector<EventRecord> in = {
      {100, "demo", "agent.state", "", "1001", R"({"state":"ready"})"},
      {105, "demo", "call.queued", "c-1", "", R"({"queue":"sales"})"},
      {100, "acme", "agent.state", "", "2001", R"({"state":"paused"})"},
      {300, "demo", "agent.state", "", "1001", R"({"state":"wrapup"})"},
  };
  for (const auto& e : in) ASSERT_TRUE(store_->append_event(e).ok());

  auto all = store_->query_events({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, in);  // append order, every field

  EventQuery q;
  q.tenant = "demo";
  q.kind = "agent.state";
  q.to_ms = 300;
  auto some = store_->query_events(q);
  ASSERT_TRUE(some.ok());
  EXPECT_EQ(*some, (std::vector<EventRecord>{in[0]}));

  q = {};
  q.from_ms = 101;
  some = store_->query_events(q);
  ASSERT_TRUE(some.ok());
  EXPECT_EQ(*some, (std::vector<EventRecord>{in[1], in[3]}));
}

}  // namespace
}  // namespace plateau::store

namespace plateau::store {
namespace {

TEST(Callbacks, PendingOnesSurviveReopeningInRequestOrderAndUpdatesApply) {
  testing::TempDir dir;
  {
    auto store = testing::open_or_die(dir.file("plateau.db"));
    ASSERT_TRUE(store->save_callback({"c-2", "demo", "support", "0611", 2000, 0, "pending"}));
    ASSERT_TRUE(store->save_callback({"c-1", "demo", "support", "0622", 1000, 0, "pending"}));
    ASSERT_TRUE(store->save_callback({"c-3", "demo", "support", "0633", 500, 0, "pending"}));
    ASSERT_TRUE(store->save_callback({"c-3", "demo", "support", "0633", 500, 2, "gave_up"}));
    ASSERT_TRUE(store->save_callback({"c-2", "demo", "support", "0611", 2000, 1, "pending"}));
    EXPECT_FALSE(store->save_callback({"c-4", "demo", "support", "0644", 1, 0, "maybe"}));
  }
  auto store = testing::open_or_die(dir.file("plateau.db"));
  auto pending = store->pending_callbacks();
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ((*pending)[0].id, "c-1");
  EXPECT_EQ((*pending)[1].id, "c-2");
  EXPECT_EQ((*pending)[1].attempts, 1);
  EXPECT_EQ((*pending)[1].number, "0611");
}

}  // namespace
}  // namespace plateau::store

namespace plateau::store {
namespace {

TEST(Calls, EveryOutcomeOfTheCatalogueCanBeStoredAndReadBack) {
  testing::TempDir dir;
  auto store = testing::open_or_die(dir.file("plateau.db"));
  int i = 0;
  for (auto o : model::kCallOutcomes) {
    model::CallRecord r;
    r.id = "c-" + std::to_string(++i);
    r.tenant = "t";
    r.start_ms = i;
    r.outcome = o;
    ASSERT_TRUE(store->insert_call(r)) << model::to_string(o);
  }
  auto all = store->query_calls({});
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), std::size(model::kCallOutcomes));
  for (size_t k = 0; k < all->size(); ++k) EXPECT_EQ((*all)[k].outcome, model::kCallOutcomes[k]);
}

}  // namespace
}  // namespace plateau::store
