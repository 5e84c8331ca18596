#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "model/testing/dump.h"
#include "store/ha1.h"
#include "store/tests/test_util.h"

namespace plateau::store {
namespace {

using testing::open_or_die;
using testing::TempDir;
using testing::two_tenants;

using test_support::dump;
using testing::with_acd_settings;
using testing::with_schedules;

// `p` as the store gives it back: phones keep their ha1 for `realm`, not their
// password, and every kind is sorted by tenant then key.
model::Provisioning as_stored(model::Provisioning p, const char* realm = "plateau") {
  for (auto& ph : p.phones) {
    ph.ha1 = *compute_ha1(ph.username, realm, ph.password);
    ph.password.clear();
  }
  auto by = [](auto key) { return [key](const auto& a, const auto& b) { return key(a) < key(b); }; };
  std::sort(p.tenants.begin(), p.tenants.end(), by([](const auto& o) { return o.name; }));
  std::sort(p.trunks.begin(), p.trunks.end(), by([](const auto& o) { return o.tenant + "/" + o.name; }));
  std::sort(p.queues.begin(), p.queues.end(), by([](const auto& o) { return o.tenant + "/" + o.name; }));
  std::sort(p.numbers.begin(), p.numbers.end(), by([](const auto& o) { return o.tenant + "/" + o.did; }));
  std::sort(p.agents.begin(), p.agents.end(), by([](const auto& o) { return o.tenant + "/" + o.login; }));
  std::sort(p.phones.begin(), p.phones.end(), by([](const auto& o) { return o.tenant + "/" + o.username; }));
  std::sort(p.schedules.begin(), p.schedules.end(), by([](const auto& o) { return o.tenant + "/" + o.name; }));
  return p;
}

const model::Phone* find_phone(const model::Provisioning& p, const std::string& user) {
  auto it =
      std::find_if(p.phones.begin(), p.phones.end(), [&](const auto& ph) { return ph.username == user; });
  return it == p.phones.end() ? nullptr : &*it;
}

class ProvisioningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = open_or_die(dir_.file("plateau.db"));
    ASSERT_NE(store_, nullptr);
  }
  ProvisionSummary apply(const model::Provisioning& p, const char* realm = "plateau") {
    auto s = store_->apply_provisioning(p, realm);
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return s.ok() ? *s : ProvisionSummary{};
  }
  model::Provisioning load() {
    auto p = store_->load_provisioning();
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
    return p.ok() ? *p : model::Provisioning{};
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(ProvisioningTest, ApplyTwiceIsIdempotent) {
  auto has = store_->has_tenants();
  ASSERT_TRUE(has.ok());
  EXPECT_FALSE(*has);

  ProvisionSummary first = apply(two_tenants());
  EXPECT_EQ(first.tenants, (KindCounts{2, 0, 0, 0}));
  EXPECT_EQ(first.trunks, (KindCounts{2, 0, 0, 0}));
  EXPECT_EQ(first.numbers, (KindCounts{2, 0, 0, 0}));
  EXPECT_EQ(first.queues, (KindCounts{4, 0, 0, 0}));
  EXPECT_EQ(first.agents, (KindCounts{3, 0, 0, 0}));
  EXPECT_EQ(first.phones, (KindCounts{3, 0, 0, 0}));
  EXPECT_TRUE(first.changed());
  const std::string after_first = dump(load());

  ProvisionSummary second = apply(two_tenants());
  EXPECT_FALSE(second.changed()) << to_text(second);
  EXPECT_EQ(second.queues, (KindCounts{0, 0, 0, 4}));
  EXPECT_EQ(second.phones, (KindCounts{0, 0, 0, 3}));
  EXPECT_EQ(dump(load()), after_first);

  has = store_->has_tenants();
  ASSERT_TRUE(has.ok());
  EXPECT_TRUE(*has);
}

TEST_F(ProvisioningTest, LoadGivesEveryFieldBack) {
  apply(two_tenants());
  EXPECT_EQ(dump(load()), dump(as_stored(two_tenants())));
}

TEST_F(ProvisioningTest, EveryAcdSettingSurvivesStoreAndLoad) {
  const ProvisionSummary first = apply(with_acd_settings());
  EXPECT_EQ(first.agents, (KindCounts{3, 0, 0, 0}));
  const model::Provisioning out = load();
  EXPECT_EQ(dump(out), dump(as_stored(with_acd_settings())));
  // Spot checks on what dump() flattens: order of relax steps and memberships, weights, skills.
  const model::Queue& sales = out.queues[2];
  ASSERT_EQ(sales.tenant + "/" + sales.name, "demo/sales");
  EXPECT_EQ(sales.relax, (std::vector<model::RelaxStep>{
                             {30, "lang_fr >= 1", false}, {90, "", true}, {150, "billing", false}}));
  const model::Agent& bob = out.agents[0];
  ASSERT_EQ(bob.tenant + "/" + bob.login, "acme/2001");
  EXPECT_EQ(bob.queues, (std::vector<model::AgentQueue>{{"acme", "support", 3}, {"demo", "sales", 4}}));
  EXPECT_EQ(bob.skills, (std::map<std::string, int>{{"lang_en", 4}}));
  EXPECT_EQ(out.tenants[1].not_ready_reasons, (std::vector<std::string>{"pause", "coaching", "lunch"}));
  EXPECT_TRUE(out.tenants[0].not_ready_reasons.empty());

  const ProvisionSummary again = apply(with_acd_settings());
  EXPECT_FALSE(again.changed()) << to_text(again);
  EXPECT_FALSE(apply(out).changed());
}

TEST_F(ProvisioningTest, AcdChangesAreReportedAsUpdates) {
  apply(with_acd_settings());
  model::Provisioning p = with_acd_settings();
  std::swap(p.queues[0].relax[0], p.queues[0].relax[1]);  // order is meaning
  p.agents[2].queues[1].weight = 9;                       // acme/2001 in demo/sales
  p.agents[0].skills["vip"] = 1;
  p.tenants[0].agents_from.clear();
  p.tenants[1].dispositions = {"no_sale", "sale"};
  p.numbers[1].requirement = "";
  p.trunks[1].gateway = "";
  p.agents[2].queues.pop_back();  // demo no longer takes acme's agents
  const ProvisionSummary s = apply(p);
  EXPECT_EQ(s.tenants, (KindCounts{0, 2, 0, 0}));
  EXPECT_EQ(s.queues, (KindCounts{0, 1, 0, 3}));
  EXPECT_EQ(s.agents, (KindCounts{0, 2, 0, 1}));
  EXPECT_EQ(s.numbers, (KindCounts{0, 1, 0, 1}));
  EXPECT_EQ(s.trunks, (KindCounts{0, 1, 0, 1}));
  EXPECT_EQ(dump(load()), dump(as_stored(p)));
  EXPECT_FALSE(apply(p).changed());
}

TEST_F(ProvisioningTest, RemovingAQueueDropsMembershipsOfOtherTenants) {
  apply(with_acd_settings());
  // A file naming demo only drops demo's sales queue; acme's agent served it.
  model::Provisioning only_demo = with_acd_settings();
  auto not_demo = [](const auto& o) { return o.tenant != "demo"; };
  std::erase_if(only_demo.tenants, [](const auto& t) { return t.name != "demo"; });
  only_demo.tenants[0].agents_from.clear();
  std::erase_if(only_demo.trunks, not_demo);
  std::erase_if(only_demo.queues, [&](const auto& q) { return not_demo(q) || q.name == "sales"; });
  std::erase_if(only_demo.numbers, not_demo);
  std::erase_if(only_demo.agents, not_demo);
  std::erase_if(only_demo.phones, not_demo);
  for (auto& q : only_demo.queues) q.on_timeout = {model::OverflowKind::Hangup, ""};
  for (auto& a : only_demo.agents) a.queues = {{"demo", "support", 2}};
  only_demo.numbers.clear();
  const ProvisionSummary s = apply(only_demo);
  EXPECT_EQ(s.queues, (KindCounts{0, 1, 1, 0}));
  const model::Provisioning out = load();
  ASSERT_EQ(out.agents[0].tenant + "/" + out.agents[0].login, "acme/2001");
  EXPECT_EQ(out.agents[0].queues, (std::vector<model::AgentQueue>{{"acme", "support", 3}}));
}

TEST_F(ProvisioningTest, PhoneKeepsHa1NeverPassword) {
  apply(two_tenants());
  model::Provisioning out = load();
  const model::Phone* ph = find_phone(out, "1001");
  ASSERT_NE(ph, nullptr);
  EXPECT_EQ(ph->ha1, "c29a00d14a8d925111aab761b19004d6");  // printf '1001:plateau:demo1001' | md5sum
  EXPECT_TRUE(ph->password.empty());
  for (const auto& p : out.phones) EXPECT_EQ(p.ha1.size(), 32u);
}

TEST_F(ProvisioningTest, RemovedObjectIsDeletedOnlyInItsTenant) {
  apply(two_tenants());
  model::Provisioning p = two_tenants();
  // demo drops its support queue, agent and phone 1002; acme keeps the same names.
  std::erase_if(p.queues, [](const auto& q) { return q.tenant == "demo" && q.name == "support"; });
  std::erase_if(p.agents, [](const auto& a) { return a.tenant == "demo" && a.login == "1002"; });
  std::erase_if(p.phones, [](const auto& ph) { return ph.username == "1002"; });
  for (auto& a : p.agents) {
    if (a.tenant == "demo") a.queues = {{"demo", "sales", 1}};
  }
  ProvisionSummary s = apply(p);
  EXPECT_EQ(s.queues, (KindCounts{0, 0, 1, 3}));
  EXPECT_EQ(s.agents, (KindCounts{0, 1, 1, 1}));
  EXPECT_EQ(s.phones, (KindCounts{0, 0, 1, 2}));
  EXPECT_EQ(s.trunks, (KindCounts{0, 0, 0, 2}));

  model::Provisioning out = load();
  int support = 0;
  for (const auto& q : out.queues) {
    if (q.name == "support") {
      ++support;
      EXPECT_EQ(q.tenant, "acme");
    }
  }
  EXPECT_EQ(support, 1);
  EXPECT_EQ(find_phone(out, "1002"), nullptr);
  ASSERT_NE(find_phone(out, "2001"), nullptr);
  for (const auto& a : out.agents) {
    const std::vector<model::AgentQueue> want{{a.tenant, a.tenant == "acme" ? "support" : "sales", 1}};
    EXPECT_EQ(a.queues, want) << a.tenant << "/" << a.login;
  }
  EXPECT_FALSE(apply(p).changed());
}

TEST_F(ProvisioningTest, TenantsNotInTheFileAreUntouched) {
  apply(two_tenants());
  const std::string before = dump(load());
  model::Provisioning only_demo = two_tenants();
  auto not_demo = [](const auto& o) { return o.tenant != "demo"; };
  std::erase_if(only_demo.tenants, [](const auto& t) { return t.name != "demo"; });
  std::erase_if(only_demo.trunks, not_demo);
  std::erase_if(only_demo.queues, not_demo);
  std::erase_if(only_demo.numbers, not_demo);
  std::erase_if(only_demo.agents, not_demo);
  std::erase_if(only_demo.phones, not_demo);
  only_demo.numbers.clear();  // demo loses its number; acme's stays
  ProvisionSummary s = apply(only_demo);
  EXPECT_EQ(s.numbers, (KindCounts{0, 0, 1, 0}));
  EXPECT_EQ(s.tenants, (KindCounts{0, 0, 0, 1}));
  model::Provisioning out = load();
  ASSERT_EQ(out.numbers.size(), 1u);
  EXPECT_EQ(out.numbers[0].tenant, "acme");
  EXPECT_EQ(out.tenants.size(), 2u);
  EXPECT_NE(find_phone(out, "2001"), nullptr);
  EXPECT_NE(dump(out), before);
}

TEST_F(ProvisioningTest, ChangesAreReportedAsUpdates) {
  apply(two_tenants());
  model::Provisioning p = two_tenants();
  p.queues[0].ring_timeout_s = 42;
  p.trunks[0].addresses = {"192.0.2.1"};
  p.tenants[1].language = "es";
  p.agents[0].ready_on_register = false;
  ProvisionSummary s = apply(p);
  EXPECT_EQ(s.queues, (KindCounts{0, 1, 0, 3}));
  EXPECT_EQ(s.trunks, (KindCounts{0, 1, 0, 1}));
  EXPECT_EQ(s.tenants, (KindCounts{0, 1, 0, 1}));
  EXPECT_EQ(s.agents, (KindCounts{0, 1, 0, 2}));
  model::Provisioning out = load();
  EXPECT_NE(dump(out).find("trunk demo/carrier|[192.0.2.1]|"), std::string::npos) << dump(out);

  // A new realm changes every secret.
  s = apply(p, "other.realm");
  EXPECT_EQ(s.phones, (KindCounts{0, 3, 0, 0}));
  EXPECT_EQ(find_phone(load(), "1001")->ha1, *compute_ha1("1001", "other.realm", "demo1001"));
}

TEST_F(ProvisioningTest, LoadedProvisioningAppliesAsUnchanged) {
  apply(two_tenants());
  EXPECT_FALSE(apply(load()).changed());
}

TEST_F(ProvisioningTest, PhoneMovesBetweenTenantsOfTheFile) {
  apply(two_tenants());
  model::Provisioning p = two_tenants();
  for (auto& ph : p.phones) {
    if (ph.username == "1002") ph.tenant = "acme";
  }
  ProvisionSummary s = apply(p);
  EXPECT_EQ(s.phones, (KindCounts{1, 0, 1, 2}));
  EXPECT_EQ(find_phone(load(), "1002")->tenant, "acme");
}

TEST_F(ProvisioningTest, UsernameOfAnotherTenantIsRefusedAndNothingChanges) {
  apply(two_tenants());
  const std::string before = dump(load());
  model::Provisioning p;
  p.tenants.push_back({"third", "Third", "UTC", "en"});
  p.queues.push_back({"third", "q", "Q", 10, 60, 0, "moh"});
  p.phones.push_back({"third", "1001", "x", ""});  // 1001 belongs to demo, which the file does not name
  auto s = store_->apply_provisioning(p, "plateau");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "store.constraint");
  EXPECT_NE(s.error().message.find("1001"), std::string::npos) << s.error().message;
  EXPECT_EQ(dump(load()), before);
}

TEST_F(ProvisioningTest, InconsistentInputIsRefused) {
  model::Provisioning p = two_tenants();
  p.trunks.push_back({"nobody", "x", {}});
  auto s = store_->apply_provisioning(p, "plateau");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "store.invalid");
  EXPECT_NE(s.error().message.find("nobody"), std::string::npos);

  p = two_tenants();
  p.agents[0].queues.push_back({p.agents[0].tenant, "nosuchqueue", 1});
  s = store_->apply_provisioning(p, "plateau");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("nosuchqueue"), std::string::npos);

  p = two_tenants();
  p.phones.push_back({"acme", "1001", "dup", ""});
  s = store_->apply_provisioning(p, "plateau");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("twice"), std::string::npos);

  auto has = store_->has_tenants();
  ASSERT_TRUE(has.ok());
  EXPECT_FALSE(*has);
}

TEST_F(ProvisioningTest, SchedulesSurviveStoreAndLoadAndApplyIdempotently) {
  const ProvisionSummary first = apply(with_schedules());
  EXPECT_EQ(first.schedules, (KindCounts{2, 0, 0, 0}));
  const model::Provisioning out = load();
  EXPECT_EQ(dump(out), dump(as_stored(with_schedules())));
  ASSERT_EQ(out.schedules.size(), 2u);
  const model::Schedule& s = out.schedules[1];
  ASSERT_EQ(s.tenant + "/" + s.name, "demo/service");
  EXPECT_EQ(s.week[0], (std::vector<model::TimeRange>{{480, 750}, {840, 1200}}));
  EXPECT_EQ(s.closed[1].ranges, (std::vector<model::TimeRange>{{480, 600}, {660, 780}}));
  EXPECT_EQ(s.holidays, (std::vector<std::string>{"MA", "FR"}));

  const ProvisionSummary again = apply(with_schedules());
  EXPECT_FALSE(again.changed()) << to_text(again);
  EXPECT_EQ(again.schedules, (KindCounts{0, 0, 0, 2}));
  EXPECT_FALSE(apply(out).changed());
  EXPECT_NE(to_text(again).find("schedules: 0 created, 0 updated, 0 deleted, 2 unchanged"), std::string::npos);
}

TEST_F(ProvisioningTest, ScheduleChangesAreUpdatesAndDeletions) {
  apply(with_schedules());
  model::Provisioning p = with_schedules();
  p.schedules[0].week[6] = {{600, 720}};
  p.schedules[0].open.pop_back();
  p.schedules[0].closed[1].ranges.pop_back();
  p.schedules.pop_back();  // acme/never
  const ProvisionSummary s = apply(p);
  EXPECT_EQ(s.schedules, (KindCounts{0, 1, 1, 0}));
  EXPECT_EQ(dump(load()), dump(as_stored(p)));

}

TEST_F(ProvisioningTest, ASecondScheduleOfTheSameNameIsRefused) {
  model::Provisioning p = with_schedules();
  p.schedules.push_back(p.schedules[0]);
  auto s = store_->apply_provisioning(p, "plateau");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "store.invalid");
  EXPECT_NE(s.error().message.find("schedule \"service\" appears twice"), std::string::npos) << s.error().message;
}

}  // namespace
}  // namespace plateau::store
