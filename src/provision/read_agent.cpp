// read_agent.cpp — [[agent]]: a person answering calls, the queues it serves.
#include "provision/object_rules.h"

namespace plateau::provision {

void read_agent(ObjectReader& r, Parsed& out) {
  auto l = start(r, &model::Agent::login, "login");
  auto& a = l.obj;
  a.name = r.string("name", false).value_or(a.login);
  if (auto queues = r.strings("queues", false)) {
    for (size_t i = 0; i < queues->size(); ++i)
      l.at["queues[" + std::to_string(i) + "]"] = r.element_pos("queues", i);
    for (auto& q : *queues) a.queues.push_back({a.tenant, std::move(q), 1});
  }
  if (auto phone = r.string("phone", false)) {
    l.at["phone"] = r.pos("phone");
    a.phone = *phone;
  }
  a.ready_on_register = r.boolean("ready_on_register").value_or(a.ready_on_register);
  done(r, std::move(l), out.agents);
}

}  // namespace plateau::provision
