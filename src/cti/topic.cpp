#include "cti/topic.h"

namespace plateau::cti {

std::string Topic::str() const {
  switch (kind) {
    case TopicKind::Agent: return "agent:" + tenant + ":" + name;
    case TopicKind::Queue: return "queue:" + tenant + ":" + name;
    case TopicKind::Tenant: return "tenant:" + tenant;
    case TopicKind::Supervision: return "supervision:" + tenant;
  }
  return "tenant:" + tenant;
}

std::optional<Topic> parse_topic(std::string_view text) {
  const size_t a = text.find(':');
  if (a == std::string_view::npos) return std::nullopt;
  const std::string_view kind = text.substr(0, a);
  const std::string_view rest = text.substr(a + 1);
  const size_t b = rest.find(':');
  if (kind == "tenant" || kind == "supervision") {
    if (rest.empty() || b != std::string_view::npos) return std::nullopt;
    return kind == "tenant" ? tenant_topic(std::string(rest)) : supervision_topic(std::string(rest));
  }
  if (b == std::string_view::npos) return std::nullopt;
  const std::string_view tenant = rest.substr(0, b), name = rest.substr(b + 1);
  if (tenant.empty() || name.empty() || name.find(':') != std::string_view::npos) return std::nullopt;
  if (kind == "agent") return agent_topic(std::string(tenant), std::string(name));
  if (kind == "queue") return queue_topic(std::string(tenant), std::string(name));
  return std::nullopt;
}

Topic agent_topic(std::string tenant, std::string login) {
  return {TopicKind::Agent, std::move(tenant), std::move(login)};
}
Topic queue_topic(std::string tenant, std::string queue) {
  return {TopicKind::Queue, std::move(tenant), std::move(queue)};
}
Topic tenant_topic(std::string tenant) { return {TopicKind::Tenant, std::move(tenant), ""}; }
Topic supervision_topic(std::string tenant) { return {TopicKind::Supervision, std::move(tenant), ""}; }

Access access(const auth::Principal& principal, const Topic& topic) {
  if (!principal.sees(topic.tenant)) return Access::NotFound;
  if (principal.can(topic.tenant, auth::Role::Supervisor)) return Access::Allowed;
  if (topic.kind != TopicKind::Agent) return Access::Forbidden;
  const auth::Membership* m = principal.in(topic.tenant);
  return m && !m->agent.empty() && m->agent == topic.name ? Access::Allowed : Access::Forbidden;
}

}  // namespace plateau::cti
