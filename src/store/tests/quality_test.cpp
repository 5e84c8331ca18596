// Quality in SQLite: evaluation forms and retention provisioned with the
// tenant, the recordings search, evaluations with their scores, and the
// two-step retention purge (mark, then finish with its audit event).
#include <gtest/gtest.h>

#include "store/tests/test_util.h"

namespace plateau::store {
namespace {

using testing::open_or_die;
using testing::TempDir;

constexpr int64_t kDay = 86'400'000;
constexpr int64_t kT0 = 1'796'000'000'000;  // 2026-11-29

model::CallRecord call(const std::string& id, const std::string& tenant, int64_t start, const std::string& agent,
                       const std::string& recording) {
  model::CallRecord r;
  r.id = id;
  r.sip_call_id = id + "@sip";
  r.tenant = tenant;
  r.caller = "0612345678";
  r.number = "0522000000";
  r.queue = "support";
  r.agent = agent;
  r.start_ms = start;
  r.end_ms = start + 60'000;
  r.outcome = model::CallOutcome::Answered;
  r.recording = recording;
  return r;
}

std::unique_ptr<Store> quality_store(TempDir& dir) {
  auto s = open_or_die(dir.file("plateau.db"));
  if (!s) return nullptr;
  auto p = testing::two_tenants();
  p.tenants[0].recording_retention_days = 30;
  p.tenants[0].evaluation_forms = {
      {"demo", "standard", {{"greeting", {{"fr", "Accueil"}, {"ar", "الترحيب"}}, 2, 5}, {"accuracy", {{"fr", "Exactitude"}}, 1, 10}}}};
  EXPECT_TRUE(s->apply_provisioning(p, "plateau").ok());
  EXPECT_TRUE(s->insert_call(call("c1", "demo", kT0 - 40 * kDay, "a1", "recordings/a.wav")).ok());
  EXPECT_TRUE(s->insert_call(call("c2", "demo", kT0 - 10 * kDay, "a2", "recordings/b.wav")).ok());
  EXPECT_TRUE(s->insert_call(call("c3", "demo", kT0 - 50 * kDay, "a1", "")).ok());  // no recording
  EXPECT_TRUE(s->insert_call(call("c4", "acme", kT0 - 60 * kDay, "x1", "recordings/c.wav")).ok());
  return s;
}

TEST(StoreQuality, FormsAndRetentionRoundTrip) {
  TempDir dir;
  auto s = quality_store(dir);
  ASSERT_NE(s, nullptr);
  auto p = s->load_provisioning();
  ASSERT_TRUE(p) << p.error().message;
  const auto& demo = p->tenants[p->tenants[0].name == "demo" ? 0 : 1];
  EXPECT_EQ(demo.recording_retention_days, 30);
  ASSERT_EQ(demo.evaluation_forms.size(), 1u);
  EXPECT_EQ(demo.evaluation_forms[0].tenant, "demo");
  EXPECT_EQ(demo.evaluation_forms[0].criteria[0].labels.at("ar"), "الترحيب");
  EXPECT_EQ(demo.evaluation_forms[0].criteria[1].max_score, 10);
  // Applying it again changes nothing.
  auto again = s->apply_provisioning(*p, "plateau");
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->changed());
}

TEST(StoreQuality, RecordingsSearchIsPerTenantAndPaged) {
  TempDir dir;
  auto s = quality_store(dir);
  ASSERT_NE(s, nullptr);
  RecordingQuery q;
  q.tenant = "demo";
  auto all = s->query_recordings(q);
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->total, 2);
  EXPECT_EQ(all->calls[0].id, "c2");  // newest first
  EXPECT_EQ(all->calls[1].id, "c1");
  q.agent = "a1";
  EXPECT_EQ(s->query_recordings(q)->total, 1);
  q.agent.clear();
  q.limit = 1;
  q.offset = 1;
  auto page = s->query_recordings(q);
  ASSERT_EQ(page->calls.size(), 1u);
  EXPECT_EQ(page->calls[0].id, "c1");
  EXPECT_EQ(page->total, 2);
  RecordingQuery other;
  other.tenant = "demo";
  other.call_id = "c4";  // acme's
  EXPECT_EQ(s->query_recordings(other)->total, 0);
  other.limit = 0;
  EXPECT_FALSE(s->query_recordings(other));
}

TEST(StoreQuality, EvaluationsKeepTheirScores) {
  TempDir dir;
  auto s = quality_store(dir);
  ASSERT_NE(s, nullptr);
  model::Evaluation e{0, "demo", "c1", "a1", "standard", "sup", kT0, 72.5, "bien",
                      {{"greeting", 4, 5, 2}, {"accuracy", std::nullopt, 10, 1}}};
  auto saved = s->save_evaluation(e);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_GT(saved->id, 0);
  e.call_id = "c4";  // not a call of demo
  EXPECT_EQ(s->save_evaluation(e).error().code, "store.invalid");
  EvaluationQuery q;
  q.tenant = "demo";
  auto got = s->query_evaluations(q);
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_EQ(got->size(), 1u);
  model::Evaluation want = e;
  want.call_id = "c1";
  want.id = saved->id;
  EXPECT_EQ((*got)[0], want);
  q.tenant = "acme";
  EXPECT_TRUE(s->query_evaluations(q)->empty());
}

TEST(StoreQuality, PurgeMarksThenFinishesWithAnEvent) {
  TempDir dir;
  auto s = quality_store(dir);
  ASSERT_NE(s, nullptr);
  auto marked = s->mark_recordings_for_purge("demo", kT0 - 30 * kDay, kT0, 30, 100);
  ASSERT_TRUE(marked) << marked.error().message;
  ASSERT_EQ(marked->size(), 1u);  // c1: older than 30 days and recorded; c3 has no file, c4 is acme's
  EXPECT_EQ((*marked)[0], (PurgeItem{"c1", "demo", "a1", "recordings/a.wav", 30}));
  // Marked twice: no.
  EXPECT_TRUE(s->mark_recordings_for_purge("demo", kT0 - 30 * kDay, kT0, 30, 100)->empty());
  // A crash now: the record knows its file may be gone.
  auto pending = s->pending_purges(100);
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 1u);
  RecordingQuery q;
  q.tenant = "demo";
  q.call_id = "c1";
  auto rec = s->query_recordings(q);
  ASSERT_EQ(rec->calls.size(), 1u);
  EXPECT_EQ(rec->calls[0].recording_purged_ms, kT0);
  EXPECT_FALSE(rec->calls[0].recording_purged);
  ASSERT_TRUE(s->finish_purge(*pending, kT0 + 5).ok());
  EXPECT_TRUE(s->pending_purges(100)->empty());
  EXPECT_TRUE(s->query_recordings(q)->calls[0].recording_purged);
  q.include_purged = false;
  EXPECT_EQ(s->query_recordings(q)->total, 0);
  EventQuery eq;
  eq.kind = "recording.purged";
  auto ev = s->query_events(eq);
  ASSERT_EQ(ev->size(), 1u);
  EXPECT_EQ((*ev)[0], (EventRecord{kT0 + 5, "demo", "recording.purged", "c1", "a1",
                                   R"({"actor":"system","reason":"retention","days":30})"}));
}

}  // namespace
}  // namespace plateau::store
