// engine_fixture.h — a small provisioning builder and helpers for engine tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "acd/engine.h"
#include "common/clock.h"

namespace plateau::acd::testing {

inline model::Queue queue(const std::string& name, model::Strategy s = model::Strategy::LongestIdle) {
  model::Queue q;
  q.tenant = "t1";
  q.name = name;
  q.strategy = s;
  q.ring_timeout_s = 10;
  q.max_wait_s = 300;
  return q;
}

inline model::Agent agent(const std::string& login, std::vector<std::string> queues,
                          std::map<std::string, int> skills = {}) {
  model::Agent a;
  a.tenant = "t1";
  a.login = login;
  a.phone = login;
  for (auto& q : queues) a.queues.push_back({"t1", q, 1});
  a.skills = std::move(skills);
  return a;
}

inline model::Provisioning base() {
  model::Provisioning p;
  model::Tenant t;
  t.name = "t1";
  t.dispositions = {"sale", "info"};
  p.tenants.push_back(t);
  return p;
}

template <class T>
std::vector<T> only(const Outputs& out) {
  std::vector<T> v;
  for (const auto& o : out)
    if (auto* x = std::get_if<T>(&o)) v.push_back(*x);
  return v;
}

class EngineTest : public ::testing::Test {
 protected:
  ManualClock clock;
  Engine engine{clock};
  uint64_t next_contact = 1;

  void configure(const model::Provisioning& p) {
    auto r = engine.configure(p);
    ASSERT_TRUE(r) << r.error().message;
    check();
  }
  AgentId id(const std::string& login) { return *engine.agent_id("t1", login); }
  AgentState state(const std::string& login) { return engine.agent(id(login))->state; }
  std::string reason(const std::string& login) { return engine.agent(id(login))->reason; }
  Outputs ready(const std::string& login) {
    auto r = engine.agent(id(login))->state == AgentState::LoggedOut ? engine.login("t1", login, true, "agent")
                                                                   : engine.set_ready("t1", login, "agent");
    EXPECT_TRUE(r) << r.error().message;
    check();
    return r ? r.value() : Outputs{};
  }
  // Enqueues a contact; returns its id and the outputs.
  std::pair<ContactId, Outputs> arrive(const std::string& queue, int priority = 0, const std::string& req = "") {
    ContactSpec s;
    s.id = ContactId{next_contact++};
    s.tenant = "t1";
    s.queue = queue;
    s.priority = priority;
    s.requirement = req;
    auto r = engine.enqueue(s);
    EXPECT_TRUE(r) << r.error().message;
    check();
    return {s.id, r ? r.value() : Outputs{}};
  }
  // The agent the contact was offered to by these outputs ("" if none).
  std::string offered_to(const Outputs& out, ContactId c) {
    for (const auto& o : only<Offer>(out))
      if (o.contact == c) return engine.agent(o.agent)->login;
    return "";
  }
  Outputs tick(int64_t ms) {
    clock.advance_ms(ms);
    auto out = engine.on_time();
    check();
    return out;
  }
  void check() {
    for (const auto& v : engine.self_check()) ADD_FAILURE() << v;
  }
};

}  // namespace plateau::acd::testing
