#include "store/provisioning_rows.h"

#include <set>
#include <utility>

#include "store/ha1.h"

namespace plateau::store {

namespace {

Error invalid(std::string message) {
  return make_error("store.invalid", "provisioning: " + std::move(message));
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Checks tenant membership, non-empty and unique keys of one kind.
template <class T, class KeyOf>
Status check_kind(const char* kind, const std::vector<T>& objects, const std::set<std::string>& tenants,
                  KeyOf key_of, bool key_is_global) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const T& o : objects) {
    const std::string& key = key_of(o);
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

int64_t as_int(const Value& v) { return std::holds_alternative<int64_t>(v) ? std::get<int64_t>(v) : 0; }
std::string as_text(const Value& v) {
  return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : std::string();
}

std::vector<std::string> queue_names(const model::Agent& a) {
  std::vector<std::string> v;
  for (const auto& q : a.queues) v.push_back(q.queue);
  return v;
}

}  // namespace

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::Tenant:
      return "tenant";
    case Kind::Queue:
      return "queue";
    case Kind::Trunk:
      return "trunk";
    case Kind::Number:
      return "number";
    case Kind::Phone:
      return "phone";
    case Kind::Agent:
      return "agent";
  }
  return "object";
}

Status validate(const model::Provisioning& p) {
  std::set<std::string> tenants;
  for (const auto& t : p.tenants) {
    if (t.name.empty()) return invalid("a tenant has an empty name");
    if (!tenants.insert(t.name).second) return invalid("tenant " + quoted(t.name) + " appears twice");
  }
  Status st = check_kind(
      "trunk", p.trunks, tenants, [](const model::Trunk& o) -> auto& { return o.name; }, false);
  if (st)
    st = check_kind(
        "queue", p.queues, tenants, [](const model::Queue& o) -> auto& { return o.name; }, false);
  if (st)
    st = check_kind(
        "number", p.numbers, tenants, [](const model::Number& o) -> auto& { return o.did; }, false);
  if (st)
    st = check_kind(
        "agent", p.agents, tenants, [](const model::Agent& o) -> auto& { return o.login; }, false);
  if (st)
    st = check_kind(
        "phone", p.phones, tenants, [](const model::Phone& o) -> auto& { return o.username; }, true);
  if (!st) return st;

  std::set<std::pair<std::string, std::string>> queues;
  for (const auto& q : p.queues) queues.insert({q.tenant, q.name});
  for (const auto& a : p.agents) {
    std::set<std::string> mine;
    for (const auto& aq : a.queues) {
      const std::string& q = aq.queue;
      if (!queues.contains({a.tenant, q})) {
        return invalid("agent " + quoted(a.login) + " of tenant " + quoted(a.tenant) + " names queue " +
                       quoted(q) + " which is not provisioned in that tenant");
      }
      if (!mine.insert(q).second) {
        return invalid("agent " + quoted(a.login) + " of tenant " + quoted(a.tenant) + " lists queue " +
                       quoted(q) + " twice");
      }
    }
  }
  return {};
}

Result<std::vector<Row>> rows_of(Kind k, const model::Provisioning& p, std::string_view realm) {
  std::vector<Row> rows;
  switch (k) {
    case Kind::Tenant:
      for (const auto& t : p.tenants)
        rows.push_back({t.name, t.name, {t.display_name, t.timezone, t.language}, {}});
      break;
    case Kind::Queue:
      for (const auto& q : p.queues) {
        rows.push_back(
            {q.tenant,
             q.name,
             {q.display_name, int64_t{q.ring_timeout_s}, int64_t{q.max_wait_s}, int64_t{q.wrapup_s}, q.music},
             {}});
      }
      break;
    case Kind::Trunk:
      for (const auto& t : p.trunks) rows.push_back({t.tenant, t.name, {}, t.addresses});
      break;
    case Kind::Number:
      for (const auto& n : p.numbers) rows.push_back({n.tenant, n.did, {n.flow, n.greeting, n.queue}, {}});
      break;
    case Kind::Phone:
      for (const auto& ph : p.phones) {
        std::string ha1 = ph.ha1;
        if (!ph.password.empty() || ha1.empty()) {
          auto computed = compute_ha1(ph.username, realm, ph.password);
          if (!computed) return computed.error();
          ha1 = std::move(computed.value());
        }
        rows.push_back({ph.tenant, ph.username, {std::move(ha1), std::string(realm)}, {}});
      }
      break;
    case Kind::Agent:
      for (const auto& a : p.agents) {
        rows.push_back(
            {a.tenant, a.login, {a.name, a.phone, int64_t{a.ready_on_register ? 1 : 0}}, queue_names(a)});
      }
      break;
  }
  return rows;
}

Status add_row(Kind k, const Row& r, model::Provisioning& out) {
  const auto& v = r.values;
  auto need = [&](size_t n) -> Status {
    if (v.size() == n) return {};
    return make_error("store.io", std::string("stored ") + kind_name(k) + " " + quoted(r.key) + " has " +
                                      std::to_string(v.size()) + " fields, expected " + std::to_string(n));
  };
  switch (k) {
    case Kind::Tenant:
      if (Status st = need(3); !st) return st;
      out.tenants.push_back({.name = r.key, .display_name = as_text(v[0]), .timezone = as_text(v[1]),
                             .language = as_text(v[2])});
      break;
    case Kind::Queue: {
      if (Status st = need(5); !st) return st;
      model::Queue q;
      q.tenant = r.tenant;
      q.name = r.key;
      q.display_name = as_text(v[0]);
      q.ring_timeout_s = static_cast<int>(as_int(v[1]));
      q.max_wait_s = static_cast<int>(as_int(v[2]));
      q.wrapup_s = static_cast<int>(as_int(v[3]));
      q.music = as_text(v[4]);
      out.queues.push_back(std::move(q));
      break;
    }
    case Kind::Trunk:
      out.trunks.push_back({.tenant = r.tenant, .name = r.key, .addresses = r.list});
      break;
    case Kind::Number:
      if (Status st = need(3); !st) return st;
      out.numbers.push_back({.tenant = r.tenant, .did = r.key, .flow = as_text(v[0]), .greeting = as_text(v[1]),
                             .queue = as_text(v[2])});
      break;
    case Kind::Phone:
      if (Status st = need(2); !st) return st;
      out.phones.push_back({r.tenant, r.key, "", as_text(v[0])});
      break;
    case Kind::Agent: {
      if (Status st = need(3); !st) return st;
      model::Agent a;
      a.tenant = r.tenant;
      a.login = r.key;
      a.name = as_text(v[0]);
      a.phone = as_text(v[1]);
      a.ready_on_register = as_int(v[2]) != 0;
      for (const auto& q : r.list) a.queues.push_back({a.tenant, q, 1});
      out.agents.push_back(std::move(a));
      break;
    }
  }
  return {};
}

}  // namespace plateau::store
