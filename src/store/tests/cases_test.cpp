// CRM cases, their history, notes, dispositions, timelines and voicemail cases in SQLite.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/sqlite_db.h"
#include "store/sqlite_schema.h"
#include "store/tests/test_util.h"

namespace plateau::store {
namespace {

using testing::open_or_die;
using testing::TempDir;

constexpr int64_t kNov2026 = 1'796'000'000'000;  // 2026-11-29
constexpr int64_t kHour = 3'600'000;

model::Customer customer(const std::string& id, const std::string& phone) {
  model::Customer c;
  c.id = id;
  c.name = "Customer " + id;
  c.phones = {phone};
  return c;
}

// demo (default categories) and acme (its own), with two customers of demo and one of acme.
std::unique_ptr<Store> crm_store(TempDir& dir) {
  auto s = open_or_die(dir.file("plateau.db"));
  if (!s) return nullptr;
  auto p = testing::two_tenants();
  p.tenants[1].case_categories = {{"acme", "billing", 8, "high"}, {"acme", "complaint", 36, "normal"}};
  EXPECT_TRUE(s->apply_provisioning(p, "plateau").ok());
  EXPECT_TRUE(s->import_customers("demo", {customer("100234", "+212600000001"), customer("100235", "+33612345678")}).ok());
  EXPECT_TRUE(s->import_customers("acme", {customer("A1", "+212600000009")}).ok());
  return s;
}

model::Case new_case(const std::string& tenant, const std::string& customer_id, const std::string& category,
                     int64_t at) {
  model::Case c;
  c.tenant = tenant;
  c.customer_id = customer_id;
  c.category = category;
  c.subject = "Facture contestée";
  c.description = "Le client conteste la facture de novembre.";
  c.created_by = "salma";
  c.created_ms = at;
  return c;
}

TEST(StoreCases, CategoriesAreTheTenantsOrTheDefaults) {
  TempDir dir;
  auto s = crm_store(dir);
  ASSERT_NE(s, nullptr);
  auto demo = s->case_categories("demo");
  ASSERT_TRUE(demo) << demo.error().message;
  ASSERT_EQ(demo->size(), 4u);
  EXPECT_EQ((*demo)[0], (model::CaseCategory{"demo", "complaint", 48, "normal"}));
  auto acme = s->case_categories("acme");
  ASSERT_TRUE(acme);
  EXPECT_EQ(*acme, (std::vector<model::CaseCategory>{{"acme", "billing", 8, "high"}, {"acme", "complaint", 36, "normal"}}));
  EXPECT_EQ(s->case_categories("ghost").error().code, "store.invalid");
  // They come back with the provisioning, and applying it again changes nothing.
  auto loaded = s->load_provisioning();
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->tenants[0].name, "acme");
  EXPECT_EQ(loaded->tenants[0].case_categories, *acme);
  auto again = s->apply_provisioning(*loaded, "plateau");
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->changed());
}

TEST(StoreCases, ReferencesCountPerTenantAndYearAndTheDueDateFollowsTheSla) {
  TempDir dir;
  auto s = crm_store(dir);
  ASSERT_NE(s, nullptr);
  auto a = s->create_case(new_case("demo", "100234", "complaint", kNov2026));
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->reference, "DEMO-2026-000001");
  EXPECT_EQ(a->status, "open");
  EXPECT_EQ(a->priority, "normal");  // the category's default
  EXPECT_EQ(a->due_ms, kNov2026 + 48 * kHour);
  auto b = s->create_case(new_case("demo", "100235", "technical", kNov2026 + 1));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->reference, "DEMO-2026-000002");
  EXPECT_EQ(b->priority, "high");
  EXPECT_EQ(b->due_ms, kNov2026 + 1 + 24 * kHour);
  auto c = new_case("acme", "A1", "billing", kNov2026);
  c.priority = "urgent";
  auto made = s->create_case(c);
  ASSERT_TRUE(made);
  EXPECT_EQ(made->reference, "ACME-2026-000001");
  EXPECT_EQ(made->priority, "urgent");
  EXPECT_EQ(made->due_ms, kNov2026 + 8 * kHour);
  // A new year starts again at 1.
  auto next_year = s->create_case(new_case("demo", "100234", "request", 1'798'761'600'000));
  ASSERT_TRUE(next_year);
  EXPECT_EQ(next_year->reference, "DEMO-2027-000001");

  // Refusals write nothing and take no number.
  EXPECT_EQ(s->create_case(new_case("demo", "100234", "billing", kNov2026)).error().code, "store.invalid");
  EXPECT_EQ(s->create_case(new_case("demo", "999", "complaint", kNov2026)).error().code, "store.invalid");
  EXPECT_EQ(s->create_case(new_case("demo", "A1", "complaint", kNov2026)).error().code, "store.invalid");
  auto bad = new_case("demo", "100234", "complaint", kNov2026);
  bad.priority = "asap";
  EXPECT_EQ(s->create_case(bad).error().code, "store.invalid");
  EXPECT_EQ(s->create_case(new_case("demo", "100234", "complaint", kNov2026 + 2))->reference, "DEMO-2026-000003");
}

TEST(StoreCases, EveryChangeIsInTheHistory) {
  TempDir dir;
  auto s = crm_store(dir);
  ASSERT_NE(s, nullptr);
  auto made = s->create_case(new_case("demo", "100234", "complaint", kNov2026));
  ASSERT_TRUE(made);
  CaseUpdate u;
  u.status = "in_progress";
  u.owner = "karim";
  u.actor = "salma";
  u.ts_ms = kNov2026 + 10;
  u.note = "pris en charge";
  auto after = s->update_case("demo", "demo-2026-000001", u);  // any case
  ASSERT_TRUE(after) << after.error().message;
  ASSERT_TRUE(*after);
  EXPECT_EQ((*after)->status, "in_progress");
  EXPECT_EQ((*after)->owner, "karim");
  EXPECT_EQ((*after)->updated_ms, kNov2026 + 10);

  // closed -> open is refused and nothing is written.
  CaseUpdate close{.status = "closed", .actor = "karim", .ts_ms = kNov2026 + 20};
  ASSERT_TRUE(s->update_case("demo", "DEMO-2026-000001", close));
  CaseUpdate reopen{.status = "open", .priority = "high", .actor = "karim", .ts_ms = kNov2026 + 30};
  auto refused = s->update_case("demo", "DEMO-2026-000001", reopen);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "crm.bad_transition");
  CaseUpdate note{.note = "client rappelé", .actor = "karim", .ts_ms = kNov2026 + 40};
  ASSERT_TRUE(s->update_case("demo", "DEMO-2026-000001", note));

  auto found = s->find_case("demo", "DEMO-2026-000001");
  ASSERT_TRUE(found && *found);
  const auto& c = **found;
  EXPECT_EQ(c.status, "closed");
  EXPECT_EQ(c.priority, "normal");
  EXPECT_EQ(c.history, (std::vector<model::CaseChange>{
                           {kNov2026, "salma", "status", "", "open", ""},
                           {kNov2026 + 10, "salma", "status", "open", "in_progress", "pris en charge"},
                           {kNov2026 + 10, "salma", "owner", "", "karim", "pris en charge"},
                           {kNov2026 + 20, "karim", "status", "in_progress", "closed", ""},
                           {kNov2026 + 40, "karim", "note", "", "", "client rappelé"},
                       }));
  EXPECT_FALSE(*s->update_case("demo", "DEMO-2026-000099", note));
  EXPECT_FALSE(*s->update_case("acme", "DEMO-2026-000001", note));  // another tenant's case is not there
  EXPECT_FALSE(*s->find_case("acme", "DEMO-2026-000001"));
}

TEST(StoreCases, QueriesFilterByCustomerStatusAndOwner) {
  TempDir dir;
  auto s = crm_store(dir);
  ASSERT_NE(s, nullptr);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(s->create_case(new_case("demo", i ? "100234" : "100235", "request", kNov2026 + i)));
  ASSERT_TRUE(s->update_case("demo", "DEMO-2026-000003", {.owner = "karim", .actor = "x", .ts_ms = kNov2026 + 9}));
  CaseQuery q{.tenant = "demo"};
  auto all = s->query_cases(q);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].reference, "DEMO-2026-000003");  // newest first
  EXPECT_TRUE((*all)[0].history.empty());
  q.customer_id = "100234";
  EXPECT_EQ(s->query_cases(q)->size(), 2u);
  q.owner = "karim";
  EXPECT_EQ(s->query_cases(q)->size(), 1u);
  q.owner = "";
  q.status = "closed";
  EXPECT_TRUE(s->query_cases(q)->empty());
  EXPECT_TRUE(s->query_cases({.tenant = "acme"})->empty());
  EXPECT_EQ(s->query_cases({.tenant = "demo", .limit = 0}).error().code, "store.bad_query");
  // The customer search finds a case's customer by its reference.
  auto found = s->search_customers("demo", "demo-2026-000001", 10);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].id, "100235");
  EXPECT_TRUE(s->search_customers("acme", "DEMO-2026-000001", 10)->empty());
}

model::CallRecord call(const std::string& id, const std::string& caller, const std::string& attached, int64_t start) {
  model::CallRecord r;
  r.id = id;
  r.sip_call_id = id + "@x";
  r.tenant = "demo";
  r.caller = caller;
  r.number = "0522000000";
  r.queue = "sales";
  r.agent = "1001";
  r.start_ms = start;
  r.end_ms = start + 1000;
  r.outcome = model::CallOutcome::Answered;
  r.recording = "recordings/2026/11/29/" + id + ".wav";
  r.attached = attached;
  return r;
}

TEST(StoreCases, ADispositionReachesTheRecordBeforeOrAfterItIsStored) {
  TempDir dir;
  auto s = crm_store(dir);
  ASSERT_NE(s, nullptr);
  ASSERT_TRUE(s->insert_call(call("c-1", "0600000001", "", kNov2026)).ok());
  ASSERT_TRUE(s->record_disposition({"demo", "c-1", "1001", "sale", "offre fibre", kNov2026 + 5000}).ok());
  // Given during wrap-up before the record was committed (a recording still closing).
  ASSERT_TRUE(s->record_disposition({"demo", "c-2", "1001", "info", "", kNov2026 + 6000}).ok());
  ASSERT_TRUE(s->insert_call(call("c-2", "0600000001", "", kNov2026 + 100)).ok());
  auto calls = s->query_calls({});
  ASSERT_TRUE(calls);
  ASSERT_EQ(calls->size(), 2u);
  EXPECT_EQ((*calls)[0].disposition, "sale");
  EXPECT_EQ((*calls)[0].wrapup_note, "offre fibre");
  EXPECT_EQ((*calls)[1].disposition, "info");
  EXPECT_EQ(s->record_disposition({"demo", "", "1001", "x", "", 1}).error().code, "store.invalid");
}

TEST(StoreCases, TheTimelineHoldsCallsNotesCasesAndDispositions) {
  TempDir dir;
  auto s = crm_store(dir);
  ASSERT_NE(s, nullptr);
  // By the IVR's attached id (either spelling), by one of the caller forms, and not: another customer, another tenant.
  ASSERT_TRUE(s->insert_call(call("c-1", "anonymous", R"({"customer.id":"100234"})", kNov2026)).ok());
  ASSERT_TRUE(s->insert_call(call("c-2", "0600000001", "", kNov2026 + 10)).ok());
  ASSERT_TRUE(s->insert_call(call("c-3", "0600000002", R"({"customer_id":"100234"})", kNov2026 + 20)).ok());
  ASSERT_TRUE(s->insert_call(call("c-4", "0612345678", R"({"customer.id":"100235"})", kNov2026 + 30)).ok());
  auto other = call("c-5", "0600000001", "", kNov2026 + 40);
  other.tenant = "acme";
  ASSERT_TRUE(s->insert_call(other).ok());
  ASSERT_TRUE(s->record_disposition({"demo", "c-2", "1001", "sale", "ok", kNov2026 + 500}).ok());
  auto note = s->add_note({0, "demo", "100234", "salma", "préfère être appelé le matin", "c-2", kNov2026 + 15});
  ASSERT_TRUE(note) << note.error().message;
  EXPECT_GT(note->id, 0);
  EXPECT_EQ(s->add_note({0, "demo", "999", "salma", "x", "", 1}).error().code, "store.invalid");
  EXPECT_EQ(s->add_note({0, "demo", "100234", "salma", "", "", 1}).error().code, "store.invalid");
  ASSERT_TRUE(s->create_case(new_case("demo", "100234", "complaint", kNov2026 + 12)));

  const std::vector<std::string> forms = {"+212600000001", "00212600000001", "212600000001", "0600000001"};
  auto t = s->customer_timeline("demo", "100234", forms, 100);
  ASSERT_TRUE(t) << t.error().message;
  ASSERT_EQ(t->calls.size(), 3u);
  EXPECT_EQ(t->calls[0].id, "c-1");
  EXPECT_EQ(t->calls[1].id, "c-2");
  EXPECT_EQ(t->calls[1].disposition, "sale");
  EXPECT_EQ(t->calls[2].id, "c-3");
  EXPECT_EQ(t->calls[0].recording, "recordings/2026/11/29/c-1.wav");
  ASSERT_EQ(t->notes.size(), 1u);
  EXPECT_EQ(t->notes[0].text, "préfère être appelé le matin");
  ASSERT_EQ(t->cases.size(), 1u);
  ASSERT_EQ(t->dispositions.size(), 1u);
  EXPECT_EQ(t->dispositions[0], (model::Disposition{"demo", "c-2", "1001", "sale", "ok", kNov2026 + 500}));
  // The last `limit` calls.
  auto last = s->customer_timeline("demo", "100234", forms, 2);
  ASSERT_TRUE(last);
  ASSERT_EQ(last->calls.size(), 2u);
  EXPECT_EQ(last->calls[0].id, "c-2");
  EXPECT_TRUE(s->customer_timeline("acme", "100234", forms, 10)->calls.size() == 1);  // acme's call from that number
  EXPECT_EQ(s->customer_timeline("demo", "100234", forms, 0).error().code, "store.bad_query");
}

TEST(StoreCases, AVoicemailBecomesACaseInTheSameTransaction) {
  TempDir dir;
  auto s = crm_store(dir);
  ASSERT_NE(s, nullptr);
  model::Voicemail v{"c-9", "demo", "0600000001", "100234", "fr", "closed", 1, "voicemail/2026/11/29/c-9.wav",
                     9'400, kNov2026, "new"};
  Status saved = s->save_voicemail(v);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  auto cases = s->query_cases({.tenant = "demo"});
  ASSERT_TRUE(cases);
  ASSERT_EQ(cases->size(), 1u);
  const model::Case& c = (*cases)[0];
  EXPECT_EQ(c.category, "voicemail");
  EXPECT_EQ(c.customer_id, "100234");
  EXPECT_EQ(c.call_id, "c-9");
  EXPECT_EQ(c.recording, "voicemail/2026/11/29/c-9.wav");
  EXPECT_EQ(c.due_ms, kNov2026 + 24 * kHour);
  EXPECT_EQ(c.subject, "Voicemail from 0600000001");
  EXPECT_EQ(c.created_by, "system");

  // acme's own categories leave voicemails out: the default one serves. An id the CRM does not know is kept in the text.
  model::Voicemail w = v;
  w.id = "c-10";
  w.tenant = "acme";
  w.customer_id = "NOPE";
  ASSERT_TRUE(s->save_voicemail(w).ok());
  auto acme = s->query_cases({.tenant = "acme"});
  ASSERT_EQ(acme->size(), 1u);
  EXPECT_EQ((*acme)[0].category, "voicemail");
  EXPECT_EQ((*acme)[0].customer_id, "");
  EXPECT_NE((*acme)[0].description.find("\"NOPE\""), std::string::npos) << (*acme)[0].description;

  // When the case cannot be written, the voicemail is not stored either: the caller hears no false "recorded".
  model::Voicemail ghost = v;
  ghost.id = "c-11";
  ghost.tenant = "ghost";
  EXPECT_FALSE(s->save_voicemail(ghost).ok());
  VoicemailQuery q;
  q.tenant = "ghost";
  EXPECT_TRUE(s->query_voicemails(q)->empty());
  // Inside the worker's transaction, the savepoint holds both too.
  ASSERT_TRUE(s->begin().ok());
  ASSERT_TRUE(s->savepoint().ok());
  EXPECT_FALSE(s->save_voicemail(ghost).ok());
  ASSERT_TRUE(s->rollback_to_savepoint().ok());
  ASSERT_TRUE(s->commit().ok());
  EXPECT_EQ(s->query_voicemails({})->size(), 2u);
  EXPECT_EQ(s->query_cases({.tenant = "demo"})->size(), 1u);
}

TEST(StoreCases, ADatabaseOfVersion6MigratesWithItsCalls) {
  TempDir dir;
  const std::string path = dir.file("plateau.db");
  {
    auto db = sqlite::Db::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(sqlite::migrate(**db, sqlite::migrations().first(6)).ok());
    ASSERT_TRUE((*db)->exec("INSERT INTO tenants VALUES('demo', 'Démo', 'Africa/Casablanca', 'fr');"
                            "INSERT INTO customers VALUES('demo', '100234', 'Salma', 'fr', '', '', 1, 1);"
                            "INSERT INTO calls(id, sip_call_id, tenant, caller, number, queue, agent, start_ms, "
                            "answer_ms, end_ms, wait_ms, ring_ms, talk_ms, outcome, reason, recording, attached) "
                            "VALUES('c-old', 'x', 'demo', 'anonymous', '3000', 'sales', '1001', 1, 2, 3, 1, 1, 1, "
                            "'answered', '', 'r.wav', '{\"customer.id\":\"100234\"}'),"
                            "('c-none', 'y', 'demo', '0600', '3000', 'sales', '1001', 4, 5, 6, 1, 1, 1, "
                            "'answered', '', '', '')")
                    .ok());
  }
  auto s = open_or_die(path);
  ASSERT_NE(s, nullptr);
  auto calls = s->query_calls({});
  ASSERT_TRUE(calls);
  ASSERT_EQ(calls->size(), 2u);
  EXPECT_EQ((*calls)[0].disposition, "");
  auto t = s->customer_timeline("demo", "100234", {}, 10);
  ASSERT_TRUE(t) << t.error().message;
  ASSERT_EQ(t->calls.size(), 1u);
  EXPECT_EQ(t->calls[0].id, "c-old");
  EXPECT_EQ(s->case_categories("demo")->size(), 4u);
  auto made = s->create_case(new_case("demo", "100234", "complaint", kNov2026));
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(made->reference, "DEMO-2026-000001");
}

}  // namespace
}  // namespace plateau::store
