// IVR flow versions, voicemails and the IVR part of call records in SQLite.
#include <gtest/gtest.h>

#include "store/tests/test_util.h"

namespace plateau::store {
namespace {

using testing::open_or_die;
using testing::TempDir;

TEST(StoreIvr, EachPublicationIsANewVersionAndTheLatestIsLoaded) {
  TempDir dir;
  auto s = open_or_die(dir.file("plateau.db"));
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(*s->publish_flow("demo", "accueil", "v1 text", 1000), 1);
  EXPECT_EQ(*s->publish_flow("demo", "accueil", "v2 text", 2000), 2);
  EXPECT_EQ(*s->publish_flow("demo", "other", "o1", 3000), 1);
  EXPECT_EQ(*s->publish_flow("acme", "accueil", "a1", 4000), 1);
  auto latest = s->latest_flows();
  ASSERT_TRUE(latest) << latest.error().message;
  ASSERT_EQ(latest->size(), 3u);
  EXPECT_EQ((*latest)[0], (FlowVersion{"acme", "accueil", 1, "a1", 4000}));
  EXPECT_EQ((*latest)[1], (FlowVersion{"demo", "accueil", 2, "v2 text", 2000}));
  EXPECT_EQ((*latest)[2], (FlowVersion{"demo", "other", 1, "o1", 3000}));
  auto all = s->flow_versions("demo", "accueil", false);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].version, 1);
  EXPECT_EQ((*all)[0].source, "");
  EXPECT_EQ((*s->flow_versions("demo", "accueil", true))[0].source, "v1 text");
  EXPECT_TRUE(s->flow_versions("demo", "nothing", true)->empty());
}

TEST(StoreIvr, VoicemailsAreKeptOnceAndListedNewestFirst) {
  TempDir dir;
  auto s = open_or_die(dir.file("plateau.db"));
  ASSERT_NE(s, nullptr);
  ASSERT_TRUE(s->apply_provisioning(testing::two_tenants(), "plateau").ok());
  model::Voicemail v{"c-1", "demo", "+212600000001", "100234", "ar", "accueil", 2, "voicemail/a.wav", 12'000, 5000,
                     "new"};
  ASSERT_TRUE(s->save_voicemail(v).ok());
  model::Voicemail w = v;
  w.id = "c-2";
  w.created_ms = 6000;
  w.tenant = "acme";
  ASSERT_TRUE(s->save_voicemail(w).ok());
  Status dup = s->save_voicemail(v);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "store.constraint");
  auto all = s->query_voicemails({});
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, "c-2");
  EXPECT_EQ((*all)[1].customer_id, "100234");
  EXPECT_EQ((*all)[1].duration_ms, 12'000);
  VoicemailQuery q;
  q.tenant = "demo";
  EXPECT_EQ(s->query_voicemails(q)->size(), 1u);
  q.limit = 0;
  EXPECT_EQ(s->query_voicemails(q).error().code, "store.bad_query");
}

TEST(StoreIvr, CallRecordsKeepTheIvrPart) {
  TempDir dir;
  auto s = open_or_die(dir.file("plateau.db"));
  ASSERT_NE(s, nullptr);
  model::CallRecord r;
  r.id = "c-9";
  r.tenant = "demo";
  r.start_ms = 1000;
  r.outcome = model::CallOutcome::IvrServed;
  r.flow = "accueil";
  r.flow_version = 3;
  r.ivr_end = "served";
  r.ivr_path = R"({"steps":[]})";
  r.recording_notice = true;
  r.attached = R"({"customer.id":"100234"})";
  ASSERT_TRUE(s->insert_call(r).ok());
  r.id = "c-10";
  r.outcome = model::CallOutcome::Voicemail;
  r.recording_notice = false;
  ASSERT_TRUE(s->insert_call(r).ok());
  auto got = s->query_calls({});
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_EQ(got->size(), 2u);
  const model::CallRecord& a = (*got)[1].id == "c-9" ? (*got)[1] : (*got)[0];
  EXPECT_EQ(a.outcome, model::CallOutcome::IvrServed);
  EXPECT_EQ(a.flow, "accueil");
  EXPECT_EQ(a.flow_version, 3);
  EXPECT_EQ(a.ivr_end, "served");
  EXPECT_EQ(a.ivr_path, R"({"steps":[]})");
  EXPECT_TRUE(a.recording_notice);
  EXPECT_EQ(a.attached, R"({"customer.id":"100234"})");
  EXPECT_EQ(a.holds, 0);
  EXPECT_TRUE(a.transfers.empty());
}

TEST(StoreCalls, CallRecordsKeepWhatTheAgentsDid) {
  TempDir dir;
  auto s = open_or_die(dir.file("plateau.db"));
  ASSERT_NE(s, nullptr);
  model::CallRecord r;
  r.id = "c-11";
  r.tenant = "demo";
  r.start_ms = 1000;
  r.outcome = model::CallOutcome::Answered;
  r.agent = "1002";
  r.hold_ms = 12'500;
  r.holds = 2;
  r.transfers = R"([{"mode":"consult","to_type":"agent","target":"1002"}])";
  r.conference = true;
  ASSERT_TRUE(s->insert_call(r).ok());
  auto got = s->query_calls({});
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].hold_ms, 12'500);
  EXPECT_EQ((*got)[0].holds, 2);
  EXPECT_EQ((*got)[0].transfers, r.transfers);
  EXPECT_TRUE((*got)[0].conference);
}

}  // namespace
}  // namespace plateau::store
