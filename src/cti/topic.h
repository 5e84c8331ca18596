// topic.h — the CTI topics a client subscribes to, and who may see them.
//
//   agent:<tenant>:<login>   one agent: its state and its contacts (the agent itself, or a supervisor)
//   queue:<tenant>:<queue>   one queue: its contacts and counts (supervisors)
//   tenant:<tenant>          every event of the tenant (supervisors)
//   supervision:<tenant>     the tenant's live figures, a snapshot a second (supervisors; docs/SUPERVISION.md)
//
// Pure; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auth/principal.h"

namespace plateau::cti {

enum class TopicKind { Agent, Queue, Tenant, Supervision };

struct Topic {
  TopicKind kind = TopicKind::Tenant;
  std::string tenant;
  std::string name;  // agent login or queue name; "" for a tenant or supervision topic

  std::string str() const;
  bool operator==(const Topic&) const = default;
};

// nullopt for anything else than the four forms above (empty parts, extra ':').
std::optional<Topic> parse_topic(std::string_view text);

Topic agent_topic(std::string tenant, std::string login);
Topic queue_topic(std::string tenant, std::string queue);
Topic tenant_topic(std::string tenant);
Topic supervision_topic(std::string tenant);

// NotFound for a tenant the principal does not see (the same answer as a topic
// that does not exist: another tenant's names are never confirmed); Forbidden
// for a visible tenant with too low a role (an agent asking for another
// agent's topic, a queue, the tenant or its supervision).
enum class Access { Allowed, NotFound, Forbidden };
Access access(const auth::Principal& principal, const Topic& topic);

}  // namespace plateau::cti
