// test_util.h — helpers shared by the store tests: a temporary directory that
// removes itself, a store opened in it, and a small two-tenant provisioning.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "common/testing/temp_dir.h"
#include "model/provisioning.h"
#include "store/sqlite_store.h"

namespace plateau::store::testing {

using TempDir = plateau::test_support::TempDir;

inline std::unique_ptr<Store> open_or_die(const std::string& path) {
  auto s = open_sqlite(path);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  if (!s.ok()) return nullptr;
  return std::move(s.value());
}

inline model::Provisioning two_tenants() {
  using namespace model;  // NOLINT(google-build-using-namespace): test helper
  Provisioning p;
  p.tenants.push_back({"demo", "Démo Télécom", "Africa/Casablanca", "fr"});
  p.tenants.push_back({"acme", "Acme", "Europe/Paris", "en"});
  for (const char* t : {"demo", "acme"}) {
    p.trunks.push_back({t, "carrier", {"10.1.2.0/24", "127.0.0.1"}});
    Queue q;
    q.tenant = t;
    q.name = "sales";
    q.display_name = "Ventes";
    q.ring_timeout_s = 20;
    p.queues.push_back(q);
    q.name = "support";
    q.display_name = "Support";
    q.wrapup_s = 5;
    p.queues.push_back(q);
    p.numbers.push_back(
        {t, std::string(t) == "demo" ? "0522000000" : "0611000000", "queue", "welcome", "sales"});
  }
  for (const char* u : {"1001", "1002"}) {
    p.phones.push_back({"demo", u, std::string("demo") + u, ""});
    Agent a;
    a.tenant = "demo";
    a.login = u;
    a.name = std::string("Agent ") + u;
    a.queues = {{"demo", "sales", 1}, {"demo", "support", 1}};
    a.phone = u;
    p.agents.push_back(a);
  }
  p.phones.push_back({"acme", "2001", "secret", ""});
  Agent a;
  a.tenant = "acme";
  a.login = "2001";
  a.name = "Bob";
  a.queues = {{"acme", "support", 1}};
  a.phone = "2001";
  a.ready_on_register = false;
  p.agents.push_back(a);
  return p;
}

// two_tenants() with every ACD setting away from its default, and values that
// differ from field to field (a swapped column shows): demo takes acme's agents,
// and acme's agent 2001 serves demo's sales queue.
inline model::Provisioning with_acd_settings() {
  using namespace model;  // NOLINT(google-build-using-namespace): test helper
  Provisioning p = two_tenants();
  for (auto& t : p.tenants) {
    const bool demo = t.name == "demo";
    t.not_ready_reasons =
        demo ? std::vector<std::string>{"pause", "coaching", "lunch"} : std::vector<std::string>{};
    t.dispositions = demo ? std::vector<std::string>{"sale", "no_sale"} : std::vector<std::string>{"done"};
    t.agents_from = demo ? std::vector<std::string>{"acme"} : std::vector<std::string>{};
  }
  for (auto& t : p.trunks) {
    t.gateway = t.tenant == "demo" ? "[2001:db8::5]:5070" : "sbc.acme.example";
    t.caller_id = t.tenant == "demo" ? "+212522000001" : "0611000000";
  }
  for (auto& n : p.numbers) {
    n.priority = n.tenant == "demo" ? 9 : -9;
    n.requirement = "lang_es >= 3";
  }
  for (auto& q : p.queues) {
    const int base = q.tenant == "demo" ? 0 : 1;
    q.priority = 7 + base;
    q.strategy = base ? Strategy::RoundRobin : Strategy::BestSkill;
    q.sl_threshold_s = 31 + base;
    q.sl_target_pct = 91 + base;
    q.max_length = 41 + base;
    q.priority_step_s = 51 + base;
    q.wrapup_requires_disposition = true;
    q.requirement = "lang_fr >= 3 and not vip";
    q.relax = {{30, "lang_fr >= 1", false}, {90, "", true}, {150 + base, "billing", false}};
    q.on_timeout = {OverflowKind::Queue, q.name == "sales" ? "support" : "sales"};
    q.on_full = {OverflowKind::External, "+21260000000" + std::to_string(base)};
    q.on_no_agent = {OverflowKind::Callback, ""};
    q.announce_every_s = 45 + base;
    q.callback = true;
    q.callback_trunk = "carrier";
    q.callback_attempts = 5 + base;
    q.callback_retry_s = 600 + base;
  }
  for (auto& a : p.agents) {
    if (a.tenant == "demo") {
      a.queues = {{"demo", "support", 2}, {"demo", "sales", 5}};  // not in name order: the order is kept
      a.skills = {{"lang_fr", 5}, {"lang_ar", 2}, {"billing", 0}};
    } else {
      a.queues = {{"acme", "support", 3}, {"demo", "sales", 4}};
      a.skills = {{"lang_en", 4}};
    }
  }
  return p;
}

// two_tenants() with schedules: demo's "service" with every kind of rule, and
// acme's "never" (no hours, no holidays).
inline model::Provisioning with_schedules() {
  using namespace model;  // NOLINT(google-build-using-namespace): test helper
  Provisioning p = two_tenants();
  Schedule s{.tenant = "demo", .name = "service", .timezone = "Africa/Casablanca"};
  for (size_t d = 0; d < 5; ++d) s.week[d] = {{480, 750}, {840, 1200}};
  s.week[5] = {{540, 780}};
  s.holidays = {"MA", "FR"};
  s.closed = {{{2026, 6, 6}, {}}, {{2026, 12, 31}, {{480, 600}, {660, 780}}}};
  s.open = {{2026, 11, 6}, {2026, 11, 18}};
  p.schedules.push_back(s);
  p.schedules.push_back({.tenant = "acme", .name = "never", .timezone = "Europe/Paris"});
  return p;
}

}  // namespace plateau::store::testing
