#include "app/ivr_lookup.h"

#include <cstdio>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "crm/phone.h"

namespace plateau::app {

namespace {

std::string decimal(int64_t cents) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", cents < 0 ? "-" : "", static_cast<long long>(std::llabs(cents) / 100),
                static_cast<long long>(std::llabs(cents) % 100));
  return buf;
}

ivr::LookupResult found(const model::Customer& c, const std::string& account_id) {
  ivr::LookupResult r;
  r.found = true;
  r.language = c.language;
  auto& a = r.attributes;
  a["customer.id"] = c.id;
  a["customer.name"] = c.name;
  a["customer.language"] = c.language;
  a["account.count"] = std::to_string(c.accounts.size());
  const model::Account* acc = c.accounts.empty() ? nullptr : &c.accounts.front();
  for (const auto& x : c.accounts)
    if (x.id == account_id) acc = &x;
  if (acc) {
    a["account.id"] = acc->id;
    a["account.kind"] = acc->kind;
    a["account.status"] = acc->status;
    a["account.balance"] = decimal(acc->balance_cents);
    a["account.currency"] = acc->currency;
    a["account.last_payment"] = decimal(acc->last_payment_cents);
    a["account.last_payment_date"] = acc->last_payment_date;
  }
  return r;
}

void flatten(const nlohmann::json& j, const std::string& prefix, ivr::Attributes& out, int depth) {
  if (depth > 8) return;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string name = prefix + it.key();
    const auto& v = it.value();
    if (v.is_string()) out[name] = v.get<std::string>();
    else if (v.is_boolean()) out[name] = v.get<bool>() ? "true" : "false";
    else if (v.is_number_integer()) out[name] = std::to_string(v.get<int64_t>());
    else if (v.is_number()) out[name] = v.dump();
    else if (v.is_object()) flatten(v, name + ".", out, depth + 1);
  }
}

}  // namespace

Result<ivr::LookupResult> lookup_customer(store::Store& s, const std::string& tenant, ivr::LookupBy by,
                                          const std::string& key) {
  Result<std::optional<model::Customer>> c = std::optional<model::Customer>();
  if (by == ivr::LookupBy::Caller) {
    auto e164 = crm::normalize_phone(key);
    if (!e164) return ivr::LookupResult{true, false, {}, ""};
    c = s.find_customer_by_phone(tenant, *e164);
  } else {
    if (by == ivr::LookupBy::Customer || by == ivr::LookupBy::Any) c = s.find_customer(tenant, key);
    if (c && !c->has_value() && (by == ivr::LookupBy::Account || by == ivr::LookupBy::Any))
      c = s.find_customer_by_account(tenant, key);
  }
  if (!c) return c.error();
  if (!c->has_value()) return ivr::LookupResult{true, false, {}, ""};
  return found(**c, by == ivr::LookupBy::Caller ? std::string() : key);
}

ivr::Attributes reply_attributes(std::string_view body) {
  ivr::Attributes out;
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return out;
  flatten(j, "", out, 0);
  return out;
}

}  // namespace plateau::app
