// checks.cpp — rules between objects: unique names, and references that resolve
// (what queues do with their callers: checks_queues.cpp).
#include <map>
#include <set>
#include <utility>

#include "provision/objects.h"

namespace plateau::provision {

namespace {

// First definitions, by (scope, name): scope is a tenant, or "" for platform-wide names.
class Registry {
 public:
  // Returns the place of an earlier definition, if any.
  const Pos* claim(const std::string& scope, const std::string& name, Pos at) {
    auto [it, fresh] = first_.emplace(std::make_pair(scope, name), at);
    return fresh ? nullptr : &it->second;
  }
  bool has(const std::string& scope, const std::string& name) const {
    return first_.count({scope, name}) > 0;
  }

 private:
  std::map<std::pair<std::string, std::string>, Pos> first_;
};

std::string line_of(const Pos& p) { return "line " + std::to_string(p.line); }

template <class T>
void unique_in_tenant(const std::vector<Located<T>>& items, std::string T::*key, const char* key_name,
                      const char* what, Diagnostics& diag) {
  Registry seen;
  for (const auto& l : items) {
    const std::string& name = l.obj.*key;
    if (name.empty()) continue;
    if (const Pos* first = seen.claim(l.obj.tenant, name, l.where(key_name))) {
      diag.add(l.where(key_name), l.label + ": duplicate " + what + " \"" + name + "\" in tenant \"" +
                                      l.obj.tenant + "\" (already defined at " + line_of(*first) + ")");
    }
  }
}

template <class T>
void unique_on_platform(const std::vector<Located<T>>& items, std::string T::*key, const char* key_name,
                        const char* what, Diagnostics& diag) {
  Registry seen;
  for (const auto& l : items) {
    const std::string& name = l.obj.*key;
    if (name.empty()) continue;
    if (const Pos* first = seen.claim("", name, l.where(key_name))) {
      diag.add(l.where(key_name), l.label + ": duplicate " + what + " \"" + name + "\" (already defined at " +
                                      line_of(*first) + "; unique across all tenants)");
    }
  }
}

template <class T>
void tenant_exists(const std::vector<Located<T>>& items, const std::set<std::string>& tenants,
                   Diagnostics& diag) {
  for (const auto& l : items) {
    if (l.obj.tenant.empty() || tenants.count(l.obj.tenant)) continue;
    diag.add(l.where("tenant"),
             l.label + ": tenant \"" + l.obj.tenant + "\" is not defined by any [[tenant]]");
  }
}

}  // namespace

void check_relations(const Parsed& p, Diagnostics& diag) {
  std::set<std::string> tenants;
  {
    Registry seen;
    for (const auto& l : p.tenants) {
      if (l.obj.name.empty()) continue;
      tenants.insert(l.obj.name);
      if (const Pos* first = seen.claim("", l.obj.name, l.where("name"))) {
        diag.add(l.where("name"), l.label + ": duplicate tenant name \"" + l.obj.name +
                                      "\" (already defined at " + line_of(*first) + ")");
      }
    }
  }
  tenant_exists(p.trunks, tenants, diag);
  tenant_exists(p.queues, tenants, diag);
  tenant_exists(p.numbers, tenants, diag);
  tenant_exists(p.phones, tenants, diag);
  tenant_exists(p.agents, tenants, diag);
  tenant_exists(p.schedules, tenants, diag);
  tenant_exists(p.case_categories, tenants, diag);
  tenant_exists(p.evaluation_forms, tenants, diag);

  unique_in_tenant(p.trunks, &model::Trunk::name, "name", "trunk name", diag);
  unique_in_tenant(p.queues, &model::Queue::name, "name", "queue name", diag);
  unique_in_tenant(p.agents, &model::Agent::login, "login", "agent login", diag);
  unique_in_tenant(p.schedules, &model::Schedule::name, "name", "schedule name", diag);
  unique_in_tenant(p.case_categories, &model::CaseCategory::name, "name", "case category", diag);
  unique_in_tenant(p.evaluation_forms, &model::EvaluationForm::name, "name", "evaluation form name", diag);
  unique_on_platform(p.numbers, &model::Number::did, "did", "number did", diag);
  unique_on_platform(p.phones, &model::Phone::username, "username", "phone username", diag);

  Registry queues;
  for (const auto& l : p.queues) {
    if (!l.obj.name.empty()) queues.claim(l.obj.tenant, l.obj.name, l.table);
  }
  std::map<std::string, std::string> phone_tenant;  // username -> tenant
  for (const auto& l : p.phones) {
    if (!l.obj.username.empty()) phone_tenant.emplace(l.obj.username, l.obj.tenant);
  }

  // References are only followed from objects whose tenant exists: otherwise the
  // missing tenant is the one fault worth reporting.
  for (const auto& l : p.numbers) {
    if (!tenants.count(l.obj.tenant) || l.obj.queue.empty()) continue;
    if (!queues.has(l.obj.tenant, l.obj.queue)) {
      diag.add(l.where("queue"),
               l.label + ": queue \"" + l.obj.queue + "\" is not defined in tenant \"" + l.obj.tenant + "\"");
    }
  }
  std::map<std::string, std::set<std::string>> takes_agents_of;  // tenant -> its agents_from
  for (const auto& l : p.tenants) {
    for (size_t i = 0; i < l.obj.agents_from.size(); ++i) {
      const std::string& from = l.obj.agents_from[i];
      takes_agents_of[l.obj.name].insert(from);
      if (!tenants.count(from) && from != l.obj.name) {
        diag.add(
            l.where("agents_from[" + std::to_string(i) + "]"),
            l.label + ": agents_from names tenant \"" + from + "\", which is not defined by any [[tenant]]");
      }
    }
  }
  for (const auto& l : p.agents) {
    if (!tenants.count(l.obj.tenant)) continue;
    std::set<std::pair<std::string, std::string>> listed;
    for (size_t i = 0; i < l.obj.queues.size(); ++i) {
      const model::AgentQueue& aq = l.obj.queues[i];
      if (aq.queue.empty()) continue;  // malformed: reported when read
      const Pos at = l.where("queues[" + std::to_string(i) + "]");
      const bool other = aq.tenant != l.obj.tenant;
      const std::string shown = other ? aq.tenant + "/" + aq.queue : aq.queue;
      if (other && !tenants.count(aq.tenant)) {
        diag.add(at, l.label + ": queue \"" + shown + "\": tenant \"" + aq.tenant +
                         "\" is not defined by any [[tenant]]");
      } else if (other && !takes_agents_of[aq.tenant].count(l.obj.tenant)) {
        diag.add(at, l.label + ": queue \"" + shown + "\" belongs to tenant \"" + aq.tenant +
                         "\", which does not take agents of tenant \"" + l.obj.tenant +
                         "\" (its agents_from must list \"" + l.obj.tenant + "\")");
      } else if (!queues.has(aq.tenant, aq.queue)) {
        diag.add(at, l.label + ": queue \"" + aq.queue + "\" is not defined in tenant \"" + aq.tenant + "\"");
      } else if (!listed.insert({aq.tenant, aq.queue}).second) {
        diag.add(at, l.label + ": queue \"" + shown + "\" is listed twice");
      }
    }
    if (l.obj.phone.empty()) continue;
    auto ph = phone_tenant.find(l.obj.phone);
    if (ph == phone_tenant.end()) {
      diag.add(l.where("phone"), l.label + ": phone \"" + l.obj.phone + "\" is not defined by any [[phone]]");
    } else if (ph->second != l.obj.tenant) {
      diag.add(l.where("phone"), l.label + ": phone \"" + l.obj.phone + "\" belongs to tenant \"" +
                                     ph->second + "\", not \"" + l.obj.tenant + "\"");
    }
  }
  check_queue_actions(p, tenants, diag);
}

}  // namespace plateau::provision
