// provisioning_rows.cpp — provisioning objects to rows and back (see provisioning_rows.h).
#include "store/provisioning_rows.h"

#include <map>
#include <span>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "store/ha1.h"
#include "store/schedule_rows.h"

namespace plateau::store {

namespace {

std::string quote_text(std::string_view s) { return "\"" + std::string(s) + "\""; }

// A scalar member of T, as a column. One list of them per kind gives the order
// of Row::values (or of a list item's fields) both ways, so that writing and
// reading cannot disagree.
template <class T>
using Field = std::variant<std::string T::*, int T::*, bool T::*, model::Strategy T::*, model::Overflow T::*,
                           std::vector<model::Criterion> T::*>;

Value to_value(const std::string& s) { return s; }
Value to_value(int v) { return int64_t{v}; }
Value to_value(bool b) { return int64_t{b ? 1 : 0}; }
Value to_value(model::Strategy s) { return std::string(model::to_string(s)); }
Value to_value(const model::Overflow& o) { return model::to_string(o); }
// An evaluation form's criteria: one JSON text [{id, labels, weight, max_score}].
Value to_value(const std::vector<model::Criterion>& criteria) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& c : criteria)
    a.push_back({{"id", c.id}, {"labels", c.labels}, {"weight", c.weight}, {"max_score", c.max_score}});
  return a.dump();
}

bool from_value(const Value& v, std::string& out) {
  if (!std::holds_alternative<std::string>(v)) return false;
  out = std::get<std::string>(v);
  return true;
}
bool from_value(const Value& v, int& out) {
  if (!std::holds_alternative<int64_t>(v)) return false;
  out = static_cast<int>(std::get<int64_t>(v));
  return true;
}
bool from_value(const Value& v, bool& out) {
  int i = 0;
  if (!from_value(v, i)) return false;
  out = i != 0;
  return true;
}
bool from_value(const Value& v, model::Strategy& out) {
  std::string text;
  auto s = from_value(v, text) ? model::parse_strategy(text) : std::nullopt;
  if (s) out = *s;
  return s.has_value();
}
bool from_value(const Value& v, model::Overflow& out) {
  std::string text;
  auto o = from_value(v, text) ? model::parse_overflow(text) : std::nullopt;
  if (o) out = std::move(*o);
  return o.has_value();
}

bool from_value(const Value& v, std::vector<model::Criterion>& out) {
  std::string text;
  if (!from_value(v, text)) return false;
  nlohmann::json a = nlohmann::json::parse(text, nullptr, false);
  if (!a.is_array()) return false;
  out.clear();
  for (const auto& c : a) {
    if (!c.is_object() || !c.value("id", nlohmann::json()).is_string() || !c.contains("labels") ||
        !c["labels"].is_object() || !c.value("weight", nlohmann::json()).is_number_integer() ||
        !c.value("max_score", nlohmann::json()).is_number_integer())
      return false;
    model::Criterion k;
    k.id = c["id"].get<std::string>();
    for (const auto& [lang, label] : c["labels"].items()) {
      if (!label.is_string()) return false;
      k.labels[lang] = label.get<std::string>();
    }
    k.weight = c["weight"].get<int>();
    k.max_score = c["max_score"].get<int>();
    out.push_back(std::move(k));
  }
  return true;
}

std::string shown(const Value& v) {
  return std::holds_alternative<int64_t>(v) ? std::to_string(std::get<int64_t>(v))
                                            : quote_text(std::get<std::string>(v));
}

template <class T>
Fields encode(const T& o, std::span<const Field<T>> fields) {
  Fields out;
  for (const Field<T>& f : fields) out.push_back(std::visit([&](auto m) { return to_value(o.*m); }, f));
  return out;
}

template <class T>
Status decode(const Fields& values, std::span<const Field<T>> fields, T& o) {
  if (values.size() != fields.size()) {
    return make_error("store.io", "has " + std::to_string(values.size()) + " fields, expected " +
                                      std::to_string(fields.size()));
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!std::visit([&](auto m) { return from_value(values[i], o.*m); }, fields[i]))
      return make_error("store.io", "field " + std::to_string(i + 1) + " holds " + shown(values[i]) +
                                        ", which is not a valid value");
  }
  return {};
}

template <class T, class Range>
std::vector<Fields> encode_all(const Range& objects, std::span<const Field<T>> fields) {
  std::vector<Fields> out;
  for (const T& o : objects) out.push_back(encode(o, fields));
  return out;
}

template <class T>
Status decode_all(const std::vector<Fields>& items, std::span<const Field<T>> fields, std::vector<T>& out) {
  out.clear();
  for (const Fields& item : items) {
    if (Status st = decode(item, fields, out.emplace_back()); !st) return st;
  }
  return {};
}

// A list of plain strings (trunk addresses, a tenant's codes) is a list of one-field items.
std::vector<Fields> items(const std::vector<std::string>& texts) {
  std::vector<Fields> out;
  for (const auto& t : texts) out.push_back({t});
  return out;
}

Status texts(const std::vector<Fields>& items, std::vector<std::string>& out) {
  out.clear();
  for (const Fields& f : items) {
    if (f.size() != 1 || !from_value(f[0], out.emplace_back()))
      return make_error("store.io", "a list holds an item that is not one text");
  }
  return {};
}

using model::Agent, model::AgentQueue, model::Number, model::Queue, model::RelaxStep, model::Tenant,
    model::Trunk;
using Skill = std::pair<std::string, int>;

const Field<model::CaseCategory> kCaseCategory[] = {&model::CaseCategory::name, &model::CaseCategory::sla_hours,
                                                     &model::CaseCategory::default_priority};
const Field<Tenant> kTenant[] = {&Tenant::display_name, &Tenant::timezone, &Tenant::language,
                                 &Tenant::recording_retention_days};
const Field<model::EvaluationForm> kEvaluationForm[] = {&model::EvaluationForm::name,
                                                        &model::EvaluationForm::criteria};
const Field<Trunk> kTrunk[] = {&Trunk::gateway, &Trunk::caller_id};
const Field<Number> kNumber[] = {&Number::flow, &Number::greeting, &Number::queue, &Number::priority,
                                 &Number::requirement};
const Field<Queue> kQueue[] = {&Queue::display_name,
                               &Queue::ring_timeout_s,
                               &Queue::max_wait_s,
                               &Queue::wrapup_s,
                               &Queue::music,
                               &Queue::priority,
                               &Queue::strategy,
                               &Queue::sl_threshold_s,
                               &Queue::sl_target_pct,
                               &Queue::max_length,
                               &Queue::priority_step_s,
                               &Queue::wrapup_requires_disposition,
                               &Queue::requirement,
                               &Queue::on_timeout,
                               &Queue::on_full,
                               &Queue::on_no_agent,
                               &Queue::announce_every_s,
                               &Queue::callback,
                               &Queue::callback_trunk,
                               &Queue::callback_attempts,
                               &Queue::callback_retry_s};
// Stored after the kQueue columns of the queue's row (schema version 12).
const Field<model::QueueThresholds> kThresholds[] = {
    &model::QueueThresholds::waiting_amber,        &model::QueueThresholds::waiting_red,
    &model::QueueThresholds::longest_wait_amber_s, &model::QueueThresholds::longest_wait_red_s,
    &model::QueueThresholds::service_level_amber,  &model::QueueThresholds::service_level_red,
    &model::QueueThresholds::asa_amber_s,          &model::QueueThresholds::asa_red_s};
const Field<RelaxStep> kRelax[] = {&RelaxStep::after_s, &RelaxStep::requirement, &RelaxStep::keep_contact};
const Field<Agent> kAgent[] = {&Agent::name, &Agent::phone, &Agent::ready_on_register};
const Field<AgentQueue> kMembership[] = {&AgentQueue::tenant, &AgentQueue::queue, &AgentQueue::weight};
const Field<Skill> kSkill[] = {&Skill::first, &Skill::second};

// Reads a row of kind `k` into `o` (its key and tenant already set): values, then each list.
template <class T, class... Lists>
Status read_row(Kind k, const Row& r, std::span<const Field<T>> fields, T& o, Lists&&... lists) {
  Status st = decode(r.values, fields, o);
  if (st && r.lists.size() != sizeof...(Lists)) {
    st = make_error("store.io", "has " + std::to_string(r.lists.size()) + " lists, expected " +
                                    std::to_string(sizeof...(Lists)));
  }
  size_t i = 0;
  ((st = st ? lists(r.lists[i++]) : st), ...);
  if (st) return st;
  return make_error(st.error().code, std::string("stored ") + kind_name(k) + " " + quote_text(r.key) +
                                         " of tenant " + quote_text(r.tenant) + " " + st.error().message);
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
    case Kind::Schedule:
      return "schedule";
  }
  return "object";
}

Result<std::vector<Row>> rows_of(Kind k, const model::Provisioning& p, std::string_view realm) {
  std::vector<Row> rows;
  switch (k) {
    case Kind::Tenant:
      for (const auto& t : p.tenants) {
        rows.push_back({t.name,
                        t.name,
                        encode<Tenant>(t, kTenant),
                        {items(t.not_ready_reasons), items(t.dispositions), items(t.agents_from),
                         encode_all<model::CaseCategory>(t.case_categories, kCaseCategory),
                         encode_all<model::EvaluationForm>(t.evaluation_forms, kEvaluationForm)}});
      }
      break;
    case Kind::Queue:
      for (const auto& q : p.queues) {
        Fields values = encode<Queue>(q, kQueue);
        for (auto& v : encode<model::QueueThresholds>(q.thresholds, kThresholds)) values.push_back(std::move(v));
        rows.push_back({q.tenant, q.name, std::move(values), {encode_all<RelaxStep>(q.relax, kRelax)}});
      }
      break;
    case Kind::Trunk:
      for (const auto& t : p.trunks)
        rows.push_back({t.tenant, t.name, encode<Trunk>(t, kTrunk), {items(t.addresses)}});
      break;
    case Kind::Number:
      for (const auto& n : p.numbers) rows.push_back({n.tenant, n.did, encode<Number>(n, kNumber), {}});
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
        rows.push_back({a.tenant,
                        a.login,
                        encode<Agent>(a, kAgent),
                        {encode_all<AgentQueue>(a.queues, kMembership),
                         encode_all<Skill>(std::vector<Skill>(a.skills.begin(), a.skills.end()), kSkill)}});
      }
      break;
    case Kind::Schedule:
      for (const auto& s : p.schedules) rows.push_back(schedule_row(s));
      break;
  }
  return rows;
}

Status add_row(Kind k, const Row& r, model::Provisioning& out) {
  auto strings = [](std::vector<std::string>& v) {
    return [&v](const std::vector<Fields>& l) { return texts(l, v); };
  };
  switch (k) {
    case Kind::Tenant: {
      Tenant t{.name = r.key};
      Status st = read_row<Tenant>(k, r, kTenant, t, strings(t.not_ready_reasons), strings(t.dispositions),
                                   strings(t.agents_from),
                                   [&t](const std::vector<Fields>& l) {
                                     return decode_all<model::CaseCategory>(l, kCaseCategory, t.case_categories);
                                   },
                                   [&t](const std::vector<Fields>& l) {
                                     return decode_all<model::EvaluationForm>(l, kEvaluationForm, t.evaluation_forms);
                                   });
      if (!st) return st;
      for (auto& c : t.case_categories) c.tenant = t.name;
      for (auto& f : t.evaluation_forms) f.tenant = t.name;
      out.tenants.push_back(std::move(t));
      break;
    }
    case Kind::Queue: {
      Queue q{.tenant = r.tenant, .name = r.key};
      const size_t n = std::size(kQueue);
      Row head = r;
      Fields tail;
      if (head.values.size() > n) {
        tail.assign(head.values.begin() + static_cast<std::ptrdiff_t>(n), head.values.end());
        head.values.resize(n);
      }
      Status st = read_row<Queue>(k, head, kQueue, q, [&q](const std::vector<Fields>& l) {
        return decode_all<RelaxStep>(l, kRelax, q.relax);
      });
      if (st) st = decode<model::QueueThresholds>(tail, kThresholds, q.thresholds);
      if (!st) return st;
      out.queues.push_back(std::move(q));
      break;
    }
    case Kind::Trunk: {
      Trunk t{.tenant = r.tenant, .name = r.key};
      if (Status st = read_row<Trunk>(k, r, kTrunk, t, strings(t.addresses)); !st) return st;
      out.trunks.push_back(std::move(t));
      break;
    }
    case Kind::Number: {
      Number n{.tenant = r.tenant, .did = r.key};
      if (Status st = read_row<Number>(k, r, kNumber, n); !st) return st;
      out.numbers.push_back(std::move(n));
      break;
    }
    case Kind::Phone: {
      model::Phone ph{.tenant = r.tenant, .username = r.key};
      std::string realm;
      if (r.values.size() != 2 || !from_value(r.values[0], ph.ha1) || !from_value(r.values[1], realm)) {
        return make_error("store.io", "stored phone " + quote_text(r.key) + " does not hold its ha1 and realm");
      }
      out.phones.push_back(std::move(ph));
      break;
    }
    case Kind::Agent: {
      Agent a{.tenant = r.tenant, .login = r.key};
      std::vector<Skill> skills;
      Status st = read_row<Agent>(
          k, r, kAgent, a,
          [&a](const std::vector<Fields>& l) { return decode_all<AgentQueue>(l, kMembership, a.queues); },
          [&skills](const std::vector<Fields>& l) { return decode_all<Skill>(l, kSkill, skills); });
      if (!st) return st;
      a.skills = std::map<std::string, int>(skills.begin(), skills.end());
      out.agents.push_back(std::move(a));
      break;
    }
    case Kind::Schedule:
      return add_schedule_row(r, out);
  }
  return {};
}

}  // namespace plateau::store
