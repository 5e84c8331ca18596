// provisioning_validate.cpp — the consistency a provisioning must have before a
// back end writes it (see validate() in provisioning_rows.h).
#include <set>
#include <utility>

#include "store/provisioning_rows.h"

namespace plateau::store {

namespace {

Error invalid(std::string message) {
  return make_error("store.invalid", "provisioning: " + std::move(message));
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Checks tenant membership, non-empty and unique keys of one kind.
template <class T>
Status check_kind(const char* kind, const std::vector<T>& objects, const std::set<std::string>& tenants,
                  std::string T::*key_of, bool key_is_global) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const T& o : objects) {
    const std::string& key = o.*key_of;
    if (key.empty()) return invalid(std::string(kind) + " with an empty key in tenant " + quoted(o.tenant));
    if (!tenants.contains(o.tenant)) {
      return invalid(std::string(kind) + " " + quoted(key) + " names tenant " + quoted(o.tenant) +
                     " which is not in the provisioning");
    }
    if (!seen.insert({key_is_global ? std::string() : o.tenant, key}).second) {
      return invalid(std::string(kind) + " " + quoted(key) + " appears twice" +
                     (key_is_global ? std::string(" (unique on the whole platform)")
                                    : " in tenant " + quoted(o.tenant)));
    }
  }
  return {};
}

}  // namespace

Status validate(const model::Provisioning& p) {
  std::set<std::string> tenants;
  for (const auto& t : p.tenants) {
    if (t.name.empty()) return invalid("a tenant has an empty name");
    if (!tenants.insert(t.name).second) return invalid("tenant " + quoted(t.name) + " appears twice");
  }
  for (const Status& st : {check_kind("trunk", p.trunks, tenants, &model::Trunk::name, false),
                           check_kind("queue", p.queues, tenants, &model::Queue::name, false),
                           check_kind("number", p.numbers, tenants, &model::Number::did, false),
                           check_kind("agent", p.agents, tenants, &model::Agent::login, false),
                           check_kind("phone", p.phones, tenants, &model::Phone::username, true),
                           check_kind("schedule", p.schedules, tenants, &model::Schedule::name, false)}) {
    if (!st) return st;
  }

  std::set<std::pair<std::string, std::string>> queues;
  for (const auto& q : p.queues) queues.insert({q.tenant, q.name});
  for (const auto& a : p.agents) {
    std::set<std::pair<std::string, std::string>> mine;
    for (const auto& aq : a.queues) {
      const std::string q = quoted(aq.queue) + " of tenant " + quoted(aq.tenant);
      if (!queues.contains({aq.tenant, aq.queue})) {
        return invalid("agent " + quoted(a.login) + " of tenant " + quoted(a.tenant) + " names queue " + q +
                       " which is not in the provisioning");
      }
      if (!mine.insert({aq.tenant, aq.queue}).second) {
        return invalid("agent " + quoted(a.login) + " of tenant " + quoted(a.tenant) + " lists queue " + q +
                       " twice");
      }
    }
  }
  return {};
}

}  // namespace plateau::store
