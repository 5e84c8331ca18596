// read_agent.cpp — [[agent]]: a person answering calls, the queues it serves
// (with weights) and its skills. Whether the queues exist, and whether another
// tenant takes this one's agents, is checked with the other objects.
#include <cctype>
#include <set>

#include "provision/object_rules.h"

namespace plateau::provision {

namespace {

// "sales" (a queue of the agent's tenant) or "othertenant/sales".
void read_queues(ObjectReader& r, Located<model::Agent>& l) {
  auto queues = r.strings("queues", false);
  if (!queues) return;
  model::Agent& a = l.obj;
  for (size_t i = 0; i < queues->size(); ++i) {
    const std::string& text = (*queues)[i];
    const Pos at = r.element_pos("queues", i);
    l.at["queues[" + std::to_string(i) + "]"] = at;
    const size_t slash = text.find('/');
    if (slash == std::string::npos) {
      a.queues.push_back({a.tenant, text, 1});
    } else if (slash == 0 || slash + 1 == text.size() || text.find('/', slash + 1) != std::string::npos) {
      r.fault(at, "queues[" + std::to_string(i) + "] \"" + text +
                      "\" must be \"queue\" (of the agent's tenant) or \"tenant/queue\"");
      a.queues.push_back({a.tenant, "", 1});  // keeps indices aligned with queues[i]
    } else {
      a.queues.push_back({text.substr(0, slash), text.substr(slash + 1), 1});
    }
  }
}

// weights = { sales = 2, "other/support" = 3 }: keys name listed queues.
void read_weights(ObjectReader& r, model::Agent& a) {
  auto weights = r.integer_table("weights", 1, 100);
  if (!weights) return;
  std::set<size_t> weighed;
  for (const auto& e : *weights) {
    const size_t slash = e.name.find('/');
    const std::string tenant = slash == std::string::npos ? a.tenant : e.name.substr(0, slash);
    const std::string queue = slash == std::string::npos ? e.name : e.name.substr(slash + 1);
    size_t i = 0;
    while (i < a.queues.size() && !(a.queues[i].tenant == tenant && a.queues[i].queue == queue)) ++i;
    const std::string what = "weights." + quoted_key(e.name);
    if (i == a.queues.size()) {
      r.fault(e.name_pos, what +
                              " names a queue the agent does not serve (the key must be one of queues; "
                              "\"tenant/queue\" in quotes for another tenant's)");
    } else if (!weighed.insert(i).second) {
      r.fault(e.name_pos, what + " weighs queue \"" + a.queues[i].tenant + "/" + queue + "\" a second time");
    } else {
      a.queues[i].weight = static_cast<int>(e.value);
    }
  }
}

bool is_skill_name(std::string_view s) {
  if (s.empty() || s.size() > 64 || std::isdigit(static_cast<unsigned char>(s.front()))) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  // Keywords of requirement expressions could not name the skill there.
  return s != "and" && s != "or" && s != "not";
}

// skills = { lang_fr = 5, billing = 3 }.
void read_skills(ObjectReader& r, model::Agent& a) {
  auto skills = r.integer_table("skills", 0, 100);
  if (!skills) return;
  for (const auto& e : *skills) {
    if (!is_skill_name(e.name)) {
      r.fault(e.name_pos,
              "skills." + quoted_key(e.name) +
                  ": a skill name is 1-64 characters among A-Z a-z 0-9 _, not starting with a digit, "
                  "and not \"and\", \"or\" or \"not\"");
      continue;
    }
    a.skills[e.name] = static_cast<int>(e.value);
  }
}

}  // namespace

void read_agent(ObjectReader& r, Parsed& out) {
  auto l = start(r, &model::Agent::login, "login");
  auto& a = l.obj;
  a.name = r.string("name", false).value_or(a.login);
  read_queues(r, l);
  read_weights(r, a);
  read_skills(r, a);
  if (auto phone = r.string("phone", false)) {
    l.at["phone"] = r.pos("phone");
    a.phone = *phone;
  }
  a.ready_on_register = r.boolean("ready_on_register").value_or(a.ready_on_register);
  done(r, std::move(l), out.agents);
}

}  // namespace plateau::provision
