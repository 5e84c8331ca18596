#include "app/case_routes.h"

#include <charconv>
#include <memory>
#include <optional>
#include <tuple>
#include <utility>

#include <nlohmann/json.hpp>

#include "app/access.h"
#include "app/crm_json.h"
#include "app/customer_routes.h"
#include "crm/cases.h"
#include "crm/phone.h"

namespace plateau::app {

namespace {

using nlohmann::json;

constexpr size_t kMaxSubject = 200;
constexpr size_t kMaxText = 10000;
constexpr int kTimelineLimit = 200;
constexpr int kSearchLimit = 20;

http::Response fail(const Error& e) {
  const std::string& c = e.code;
  const int status = c == "store.invalid" || c == "crm.bad_status"                           ? 422
                     : c == "crm.bad_transition"                                              ? 409
                     : c == "store.bad_query" || c == "api.bad_json" || c == "api.bad_parameter" ? 400
                                                                                              : 500;
  return http::error_response(status, c, e.message);
}

http::Response bad(const std::string& message) { return http::error_response(400, "api.bad_parameter", message); }

std::string actor_of(const http::Request& req) { return req.principal ? req.principal->user : std::string(); }

// The body as a JSON object, or the 400 to answer.
std::optional<json> body_object(const http::Request& req, http::Responder& res) {
  json body = req.body.empty() ? json::object() : json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    res.send(http::error_response(400, "api.bad_json", "the body is not a JSON object"));
    return std::nullopt;
  }
  return body;
}

// A text member: nullopt when absent; an Error when not a string or too long.
Result<std::optional<std::string>> text_of(const json& body, const char* key, size_t max) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return make_error("api.bad_parameter", std::string(key) + " must be a string");
  std::string v = it->get<std::string>();
  if (v.size() > max)
    return make_error("api.bad_parameter", std::string(key) + " is longer than " + std::to_string(max) + " bytes");
  return std::optional<std::string>(std::move(v));
}

// Runs `job` on the store worker and answers `render(result)` once committed.
template <class T>
void run(store::StoreWorker& worker, std::function<Result<T>(store::Store&)> job,
         std::function<http::Response(T&)> render, http::Responder res) {
  auto out = std::make_shared<std::optional<Result<T>>>();
  worker.post(
      [out, job = std::move(job)](store::Store& s) {
        out->emplace(job(s));
        // A refused write must leave nothing behind: the job fails with it.
        return out->value() ? Status::Ok() : Status(out->value().error());
      },
      [out, render = std::move(render), res](Status st) {
        if (out->has_value() && !out->value()) return res.send(fail(out->value().error()));
        if (!st) return res.send(http::error_response(500, st.error().code, st.error().message));
        res.send(render(out->value().value()));
      });
}

http::Response case_not_found(const std::string& tenant, const std::string& reference) {
  return http::error_response(404, "crm.case_not_found",
                              "tenant \"" + tenant + "\" has no case \"" + reference + "\"");
}

Result<int> int_param(const http::Request& req, const char* key, int fallback, int lo, int hi) {
  auto it = req.query.find(key);
  if (it == req.query.end()) return fallback;
  int v = 0;
  const std::string& t = it->second;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size() || v < lo || v > hi) {
    return make_error("api.bad_parameter", std::string(key) + ": a whole number in " + std::to_string(lo) + ".." +
                                               std::to_string(hi));
  }
  return v;
}

void create_case(store::StoreWorker& store, const std::function<int64_t()>& clock, const http::Request& req,
                 http::Responder res) {
  const std::string tenant = req.params.at("tenant");
  if (auto r = refuse(req, tenant, Role::Agent)) return res.send(*r);
  auto body = body_object(req, res);
  if (!body) return;
  model::Case c;
  c.tenant = tenant;
  c.created_by = actor_of(req);
  c.created_ms = clock();
  struct Member {
    const char* key;
    std::string model::Case::*field;
    size_t max;
    bool required;
  };
  for (const Member& m : {Member{"customer_id", &model::Case::customer_id, 64, true},
                          Member{"category", &model::Case::category, 32, true},
                          Member{"priority", &model::Case::priority, 16, false},
                          Member{"subject", &model::Case::subject, kMaxSubject, true},
                          Member{"description", &model::Case::description, kMaxText, false},
                          Member{"call_id", &model::Case::call_id, 64, false},
                          Member{"owner", &model::Case::owner, 64, false}}) {
    auto v = text_of(*body, m.key, m.max);
    if (!v) return res.send(bad(v.error().message));
    if (m.required && (!*v || (*v)->empty())) return res.send(bad(std::string(m.key) + " is required"));
    if (*v) c.*m.field = std::move(**v);
  }
  run<model::Case>(
      store, [c](store::Store& s) { return s.create_case(c); },
      [](model::Case& made) { return http::json_response(201, case_json(made, true).dump()); }, res);
}

void list_cases(store::StoreWorker& store, const http::Request& req, http::Responder res) {
  const std::string tenant = req.params.at("tenant");
  if (auto r = refuse(req, tenant, Role::Agent)) return res.send(*r);
  store::CaseQuery q;
  q.tenant = tenant;
  q.customer_id = req.query_or("customer");
  q.status = req.query_or("status");
  q.owner = req.query_or("owner");
  if (!q.status.empty() && !crm::parse_case_status(q.status)) {
    return res.send(bad("status: open, in_progress, waiting_customer, resolved or closed"));
  }
  auto limit = int_param(req, "limit", 100, 1, store::CallQuery::kMaxLimit);
  auto offset = int_param(req, "offset", 0, 0, 1 << 30);
  if (!limit) return res.send(bad(limit.error().message));
  if (!offset) return res.send(bad(offset.error().message));
  q.limit = *limit;
  q.offset = *offset;
  run<std::vector<model::Case>>(
      store, [q](store::Store& s) { return s.query_cases(q); },
      [](std::vector<model::Case>& list) {
        json arr = json::array();
        for (const auto& c : list) arr.push_back(case_json(c, false));
        return http::json_response(200, json{{"cases", arr}}.dump());
      },
      res);
}

void get_case(store::StoreWorker& store, const http::Request& req, http::Responder res) {
  const std::string tenant = req.params.at("tenant"), ref = req.params.at("reference");
  if (auto r = refuse(req, tenant, Role::Agent)) return res.send(*r);
  run<std::optional<model::Case>>(
      store, [tenant, ref](store::Store& s) { return s.find_case(tenant, ref); },
      [tenant, ref](std::optional<model::Case>& c) {
        return c ? http::json_response(200, case_json(*c, true).dump()) : case_not_found(tenant, ref);
      },
      res);
}

void update_case(store::StoreWorker& store, const std::function<int64_t()>& clock, const http::Request& req,
                 http::Responder res) {
  const std::string tenant = req.params.at("tenant"), ref = req.params.at("reference");
  if (auto r = refuse(req, tenant, Role::Agent)) return res.send(*r);
  auto body = body_object(req, res);
  if (!body) return;
  store::CaseUpdate u;
  u.actor = actor_of(req);
  u.ts_ms = clock();
  for (auto [key, field, max] : {std::tuple{"status", &store::CaseUpdate::status, size_t{32}},
                                 std::tuple{"owner", &store::CaseUpdate::owner, size_t{64}},
                                 std::tuple{"priority", &store::CaseUpdate::priority, size_t{16}}}) {
    auto v = text_of(*body, key, max);
    if (!v) return res.send(bad(v.error().message));
    u.*field = std::move(*v);
  }
  auto note = text_of(*body, "note", kMaxText);
  if (!note) return res.send(bad(note.error().message));
  u.note = note->value_or("");
  if (!u.status && !u.owner && !u.priority && u.note.empty()) {
    return res.send(bad("give at least one of status, owner, priority or note"));
  }
  run<std::optional<model::Case>>(
      store, [tenant, ref, u](store::Store& s) { return s.update_case(tenant, ref, u); },
      [tenant, ref](std::optional<model::Case>& c) {
        return c ? http::json_response(200, case_json(*c, true).dump()) : case_not_found(tenant, ref);
      },
      res);
}

void categories(store::StoreWorker& store, const http::Request& req, http::Responder res) {
  const std::string tenant = req.params.at("tenant");
  if (auto r = refuse(req, tenant, Role::Agent)) return res.send(*r);
  run<std::vector<model::CaseCategory>>(
      store, [tenant](store::Store& s) { return s.case_categories(tenant); },
      [](std::vector<model::CaseCategory>& list) {
        json arr = json::array();
        for (const auto& c : list) arr.push_back(category_json(c));
        return http::json_response(200, json{{"categories", arr}}.dump());
      },
      res);
}

void search(store::StoreWorker& store, const http::Request& req, http::Responder res) {
  const std::string tenant = req.params.at("tenant");
  if (auto r = refuse(req, tenant, Role::Agent)) return res.send(*r);
  const std::string q = req.query_or("q");
  if (q.empty()) return res.send(bad("q: the text to search for is required"));
  auto limit = int_param(req, "limit", kSearchLimit, 1, store::Store::kMaxCustomerSearch);
  if (!limit) return res.send(bad(limit.error().message));
  struct Found {
    std::vector<model::Customer> customers;
    std::vector<model::Case> cases;
  };
  run<Found>(
      store,
      [tenant, q, limit = *limit](store::Store& s) -> Result<Found> {
        Found f;
        auto customers = s.search_customers(tenant, q, limit);
        if (!customers) return customers.error();
        f.customers = std::move(customers.value());
        // A number as callers write it ("06 12 34 56 78") also finds its E.164 form.
        if (auto e164 = crm::normalize_phone(q); e164 && f.customers.empty()) {
          auto by_phone = s.find_customers_by_phone(tenant, *e164);
          if (!by_phone) return by_phone.error();
          f.customers = std::move(by_phone.value());
        }
        if (crm::parse_reference(q)) {
          auto c = s.find_case(tenant, q);
          if (!c) return c.error();
          if (*c) f.cases.push_back(std::move(**c));
        }
        return f;
      },
      [](Found& f) {
        json customers = json::array(), cases = json::array();
        for (const auto& c : f.customers) customers.push_back(customer_json(c));
        for (const auto& c : f.cases) cases.push_back(case_json(c, false));
        return http::json_response(200, json{{"customers", customers}, {"cases", cases}}.dump());
      },
      res);
}

http::Response customer_not_found(const std::string& tenant, const std::string& id) {
  return http::error_response(404, "crm.not_found", "tenant \"" + tenant + "\" has no customer \"" + id + "\"");
}

void timeline(store::StoreWorker& store, const http::Request& req, http::Responder res) {
  const std::string tenant = req.params.at("tenant"), id = req.params.at("id");
  if (auto r = refuse(req, tenant, Role::Agent)) return res.send(*r);
  auto limit = int_param(req, "limit", kTimelineLimit, 1, store::Store::kMaxCustomerSearch);
  if (!limit) return res.send(bad(limit.error().message));
  using Out = std::optional<store::Timeline>;
  run<Out>(
      store,
      [tenant, id, limit = *limit](store::Store& s) -> Result<Out> {
        auto customer = s.find_customer(tenant, id);
        if (!customer) return customer.error();
        if (!*customer) return Out();
        std::vector<std::string> forms;
        for (const auto& phone : (*customer)->phones) {
          for (auto& f : crm::caller_forms(phone)) forms.push_back(std::move(f));
        }
        auto t = s.customer_timeline(tenant, id, forms, limit);
        if (!t) return t.error();
        return Out(std::move(t.value()));
      },
      [tenant, id](Out& t) {
        return t ? http::json_response(200, timeline_json(id, *t).dump()) : customer_not_found(tenant, id);
      },
      res);
}

void add_note(store::StoreWorker& store, const std::function<int64_t()>& clock, const http::Request& req,
              http::Responder res) {
  const std::string tenant = req.params.at("tenant"), id = req.params.at("id");
  if (auto r = refuse(req, tenant, Role::Agent)) return res.send(*r);
  auto body = body_object(req, res);
  if (!body) return;
  auto text = text_of(*body, "text", kMaxText);
  auto call = text_of(*body, "call_id", 64);
  if (!text) return res.send(bad(text.error().message));
  if (!call) return res.send(bad(call.error().message));
  if (!*text || (*text)->empty()) return res.send(bad("text is required"));
  model::CustomerNote n{0, tenant, id, actor_of(req), **text, call->value_or(""), clock()};
  using Out = std::optional<model::CustomerNote>;
  run<Out>(
      store,
      [n](store::Store& s) -> Result<Out> {
        auto customer = s.find_customer(n.tenant, n.customer_id);
        if (!customer) return customer.error();
        if (!*customer) return Out();
        auto made = s.add_note(n);
        if (!made) return made.error();
        return Out(std::move(made.value()));
      },
      [tenant, id](Out& made) {
        return made ? http::json_response(201, note_json(*made).dump()) : customer_not_found(tenant, id);
      },
      res);
}

}  // namespace

std::string wrapping_call(const core::Router& router, const std::string& tenant, const std::string& login) {
  for (const auto& a : router.agents()) {
    if (a.tenant == tenant && a.login == login) return a.call_id;
  }
  return {};
}

void store_disposition(store::StoreWorker& store, model::Disposition d, http::Responder res) {
  const std::string call_id = d.call_id;
  run<bool>(
      store,
      [d = std::move(d)](store::Store& s) -> Result<bool> {
        if (Status st = s.record_disposition(d); !st) return st.error();
        return true;
      },
      [call_id](bool&) { return http::json_response(200, json{{"ok", true}, {"call_id", call_id}}.dump()); }, res);
}

void add_case_routes(http::Router& r, store::StoreWorker& store, std::function<int64_t()> clock_ms) {
  auto clock = std::make_shared<std::function<int64_t()>>(std::move(clock_ms));
  r.get("/api/v1/tenants/{tenant}/case-categories",
        [&store](const http::Request& req, http::Responder res) { categories(store, req, res); });
  r.post("/api/v1/cases/{tenant}",
         [&store, clock](const http::Request& req, http::Responder res) { create_case(store, *clock, req, res); });
  r.get("/api/v1/cases/{tenant}", [&store](const http::Request& req, http::Responder res) { list_cases(store, req, res); });
  r.get("/api/v1/cases/{tenant}/{reference}",
        [&store](const http::Request& req, http::Responder res) { get_case(store, req, res); });
  r.post("/api/v1/cases/{tenant}/{reference}",
         [&store, clock](const http::Request& req, http::Responder res) { update_case(store, *clock, req, res); });
  r.get("/api/v1/customers/{tenant}/search",
        [&store](const http::Request& req, http::Responder res) { search(store, req, res); });
  r.get("/api/v1/customers/{tenant}/{id}/timeline",
        [&store](const http::Request& req, http::Responder res) { timeline(store, req, res); });
  r.post("/api/v1/customers/{tenant}/{id}/notes",
         [&store, clock](const http::Request& req, http::Responder res) { add_note(store, *clock, req, res); });
}

}  // namespace plateau::app
