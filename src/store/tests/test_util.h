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

}  // namespace plateau::store::testing
