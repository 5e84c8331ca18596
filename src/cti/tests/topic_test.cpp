#include "cti/topic.h"

#include <gtest/gtest.h>

namespace plateau::cti {
namespace {

TEST(TopicTest, ParsesTheThreeFormsAndNothingElse) {
  auto a = parse_topic("agent:t1:1001");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->kind, TopicKind::Agent);
  EXPECT_EQ(a->tenant, "t1");
  EXPECT_EQ(a->name, "1001");
  EXPECT_EQ(a->str(), "agent:t1:1001");
  auto q = parse_topic("queue:t1:sales");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->kind, TopicKind::Queue);
  EXPECT_EQ(q->str(), "queue:t1:sales");
  auto t = parse_topic("tenant:t1");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->kind, TopicKind::Tenant);
  EXPECT_EQ(t->str(), "tenant:t1");
  auto s = parse_topic("supervision:t1");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, TopicKind::Supervision);
  EXPECT_EQ(s->tenant, "t1");
  EXPECT_EQ(s->str(), "supervision:t1");
  for (const char* bad : {"", "agent", "agent:", "agent:t1", "agent:t1:", "agent::1001", "agent:t1:10:01",
                          "tenant:", "tenant:t1:x", "queues:t1:sales", "call:t1:x", "supervision:",
                          "supervision:t1:sales"})
    EXPECT_FALSE(parse_topic(bad)) << bad;
}

auth::Principal member(std::string tenant, auth::Role role, std::string agent = "") {
  auth::Principal p;
  p.user = "u";
  p.memberships.push_back({std::move(tenant), role, std::move(agent)});
  return p;
}

TEST(TopicTest, AnAgentSeesItsOwnTopicOnly) {
  auto p = member("t1", auth::Role::Agent, "1001");
  EXPECT_EQ(access(p, agent_topic("t1", "1001")), Access::Allowed);
  EXPECT_EQ(access(p, agent_topic("t1", "1002")), Access::Forbidden);
  EXPECT_EQ(access(p, queue_topic("t1", "sales")), Access::Forbidden);
  EXPECT_EQ(access(p, tenant_topic("t1")), Access::Forbidden);
  EXPECT_EQ(access(p, supervision_topic("t1")), Access::Forbidden);
  EXPECT_EQ(access(p, agent_topic("t2", "1001")), Access::NotFound);
  EXPECT_EQ(access(p, supervision_topic("t2")), Access::NotFound);
  // A user without an agent login in the tenant has no agent topic of its own.
  EXPECT_EQ(access(member("t1", auth::Role::Agent), agent_topic("t1", "")), Access::Forbidden);
}

TEST(TopicTest, SupervisorsSeeTheirTenantsTopics) {
  auto p = member("t1", auth::Role::Supervisor);
  EXPECT_EQ(access(p, agent_topic("t1", "1002")), Access::Allowed);
  EXPECT_EQ(access(p, queue_topic("t1", "sales")), Access::Allowed);
  EXPECT_EQ(access(p, tenant_topic("t1")), Access::Allowed);
  EXPECT_EQ(access(p, tenant_topic("t2")), Access::NotFound);
  EXPECT_EQ(access(p, queue_topic("t2", "sales")), Access::NotFound);
  // The wallboard's topic: the tenant's supervisors and administrators, nobody of another tenant.
  EXPECT_EQ(access(p, supervision_topic("t1")), Access::Allowed);
  EXPECT_EQ(access(p, supervision_topic("t2")), Access::NotFound);
  EXPECT_EQ(access(member("t1", auth::Role::Administrator), supervision_topic("t1")), Access::Allowed);
  auth::Principal system;
  system.system = true;
  EXPECT_EQ(access(system, tenant_topic("t2")), Access::Allowed);
}

}  // namespace
}  // namespace plateau::cti
