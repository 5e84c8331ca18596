#include "app/customer_routes.h"

#include <cctype>
#include <charconv>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/access.h"
#include "app/customer_import.h"
#include "crm/phone.h"

namespace plateau::app {

namespace {

using nlohmann::json;

constexpr int kDefaultSearchLimit = 20;

}  // namespace

json customer_json(const model::Customer& c) {
  json accounts = json::array();
  for (const auto& a : c.accounts) {
    accounts.push_back(json{{"id", a.id},
                            {"kind", a.kind},
                            {"status", a.status},
                            {"balance_cents", a.balance_cents},
                            {"currency", a.currency},
                            {"last_payment_cents", a.last_payment_cents},
                            {"last_payment_date", a.last_payment_date}});
  }
  return json{{"tenant", c.tenant},   {"id", c.id},         {"name", c.name},
              {"language", c.language}, {"email", c.email},   {"address", c.address},
              {"phones", c.phones},   {"accounts", accounts}, {"created_ms", c.created_ms},
              {"updated_ms", c.updated_ms}};
}

namespace {

json import_json(const CustomerImport& r) {
  json rejected = json::array();
  for (const auto& l : r.parsed.rejected) {
    rejected.push_back(json{{"line", l.line}, {"customer_id", l.customer_id}, {"reason", l.reason}});
  }
  return json{{"lines", r.parsed.lines},
              {"imported", r.parsed.customers.size()},
              {"created", r.summary.created},
              {"updated", r.summary.updated},
              {"unchanged", r.summary.unchanged},
              {"rejected", rejected}};
}

http::Response bad_parameter(const std::string& message) {
  return http::error_response(400, "api.bad_parameter", message);
}

// "MA" unless ?country= names another ISO 3166 alpha-2 code.
std::optional<std::string> country_of(const http::Request& req) {
  std::string c = req.query_or("country", "MA");
  if (c.size() != 2 || !std::isalpha(static_cast<unsigned char>(c[0])) ||
      !std::isalpha(static_cast<unsigned char>(c[1]))) {
    return std::nullopt;
  }
  return c;
}

// Runs `query` as a store job and answers {"customers": [...]} once committed.
using Query = std::function<Result<std::vector<model::Customer>>(store::Store&)>;
void answer_list(store::StoreWorker& worker, Query query, http::Responder res) {
  auto out = std::make_shared<Result<std::vector<model::Customer>>>(std::vector<model::Customer>{});
  worker.post(
      [out, query = std::move(query)](store::Store& s) {
        *out = query(s);
        return Status::Ok();
      },
      [out, res](Status st) {
        if (!st) return res.send(http::error_response(500, st.error().code, st.error().message));
        if (!*out) {
          const int status = out->error().code == "store.bad_query" ? 400 : 500;
          return res.send(http::error_response(status, out->error().code, out->error().message));
        }
        json arr = json::array();
        for (const auto& c : out->value()) arr.push_back(customer_json(c));
        res.send(http::json_response(200, json{{"customers", arr}}.dump()));
      });
}

// One customer as a list of zero or one.
Result<std::vector<model::Customer>> as_list(Result<std::optional<model::Customer>> found) {
  if (!found) return found.error();
  std::vector<model::Customer> out;
  if (*found) out.push_back(std::move(**found));
  return out;
}

void import_route(store::StoreWorker& worker, const http::Request& req, http::Responder res) {
  const std::string tenant = req.query_or("tenant");
  if (tenant.empty()) return res.send(bad_parameter("tenant: the tenant whose customers these are is required"));
  if (auto refused = refuse(req, tenant, Role::Administrator)) return res.send(std::move(*refused));
  auto country = country_of(req);
  if (!country) return res.send(bad_parameter("country: a two-letter country code (MA, FR, ES...)"));
  auto out = std::make_shared<Result<CustomerImport>>(CustomerImport{});
  worker.post(
      [out, tenant, country = *country, csv = req.body](store::Store& s) {
        *out = import_customer_csv(s, tenant, csv, country);
        // A failed import must undo its writes: the job fails with it.
        return *out ? Status::Ok() : Status(out->error());
      },
      [out, res](Status st) {
        if (!*out) {
          const auto& e = out->error();
          const bool client = e.code == "crm.bad_file" || e.code == "store.invalid";
          return res.send(http::error_response(client ? 422 : 500, e.code, e.message));
        }
        if (!st) return res.send(http::error_response(500, st.error().code, st.error().message));
        const CustomerImport& r = out->value();
        const bool nothing = r.parsed.customers.empty() && !r.parsed.rejected.empty();
        res.send(http::json_response(nothing ? 422 : 200, import_json(r).dump()));
      });
}

void find_route(store::StoreWorker& worker, const http::Request& req, http::Responder res) {
  const std::string tenant = req.query_or("tenant");
  if (tenant.empty()) return res.send(bad_parameter("tenant: required"));
  if (auto refused = refuse(req, tenant, Role::Agent)) return res.send(std::move(*refused));
  int given = 0;
  for (const char* key : {"phone", "id", "account", "q"}) given += req.query.count(key) ? 1 : 0;
  if (given != 1) return res.send(bad_parameter("give exactly one of phone, id, account or q"));
  if (req.query.count("phone")) {
    auto country = country_of(req);
    if (!country) return res.send(bad_parameter("country: a two-letter country code (MA, FR, ES...)"));
    auto e164 = crm::normalize_phone(req.query.at("phone"), *country);
    if (!e164) return res.send(bad_parameter("phone: \"" + req.query.at("phone") + "\" is not a phone number"));
    return answer_list(worker, [tenant, e164 = *e164](store::Store& s) { return s.find_customers_by_phone(tenant, e164); }, res);
  }
  if (req.query.count("id")) {
    return answer_list(worker, [tenant, id = req.query.at("id")](store::Store& s) { return as_list(s.find_customer(tenant, id)); }, res);
  }
  if (req.query.count("account")) {
    return answer_list(
        worker, [tenant, id = req.query.at("account")](store::Store& s) { return as_list(s.find_customer_by_account(tenant, id)); },
        res);
  }
  int limit = kDefaultSearchLimit;
  if (auto it = req.query.find("limit"); it != req.query.end()) {
    const std::string& t = it->second;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), limit);
    if (ec != std::errc() || end != t.data() + t.size() || limit < 1 || limit > store::Store::kMaxCustomerSearch) {
      return res.send(
          bad_parameter("limit: a whole number in 1.." + std::to_string(store::Store::kMaxCustomerSearch)));
    }
  }
  answer_list(worker, [tenant, q = req.query.at("q"), limit](store::Store& s) { return s.search_customers(tenant, q, limit); }, res);
}

}  // namespace

void add_customer_routes(http::Router& router, store::StoreWorker& store) {
  router.post("/api/v1/customers/import",
              [&store](const http::Request& req, http::Responder res) { import_route(store, req, res); });
  router.get("/api/v1/customers", [&store](const http::Request& req, http::Responder res) { find_route(store, req, res); });
  router.get("/api/v1/customers/{tenant}/{id}", [&store](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant"), id = req.params.at("id");
    if (auto refused = refuse(req, tenant, Role::Agent)) return res.send(std::move(*refused));
    auto out = std::make_shared<Result<std::optional<model::Customer>>>(std::nullopt);
    store.post(
        [out, tenant, id](store::Store& s) {
          *out = s.find_customer(tenant, id);
          return Status::Ok();
        },
        [out, res, tenant, id](Status st) {
          if (!st) return res.send(http::error_response(500, st.error().code, st.error().message));
          if (!*out) return res.send(http::error_response(500, out->error().code, out->error().message));
          if (!out->value()) {
            return res.send(http::error_response(404, "crm.not_found",
                                                 "tenant \"" + tenant + "\" has no customer \"" + id + "\""));
          }
          res.send(http::json_response(200, customer_json(*out->value()).dump()));
        });
  });
}

}  // namespace plateau::app
