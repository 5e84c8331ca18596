// api_ivr_routes.cpp — the IVR's HTTP API: publishing and reading flows,
// voicemails, and the IVR report (docs/IVR.md, "API").
#include <nlohmann/json.hpp>

#include "app/access.h"
#include "app/api_routes.h"
#include "app/flows.h"
#include "ivr/report.h"

namespace plateau::app {

namespace {

using nlohmann::json;

// Publishing and checking need the administrator of the flow's tenant, read
// from the file before it is checked against that tenant's provisioning (so
// that the check's messages never tell about a tenant the principal does not see).
std::optional<http::Response> refuse_flow(const http::Request& req) {
  auto f = ivr::parse_flow(req.body, "flow");
  if (!f) return std::nullopt;  // a file that does not parse names no tenant: its errors tell nothing
  return refuse(req, f->tenant, Role::Administrator);
}

int status_of(const Error& e) {
  if (e.code == "ivr.syntax" || e.code == "ivr.invalid" || e.code == "ivr.unknown_tenant") return 422;
  return 500;
}

// Runs `query` on the store worker, answers with `render` of its value.
template <class T, class Query, class Render>
void from_store(ApiContext& ctx, http::Responder res, Query query, Render render) {
  auto out = std::make_shared<Result<T>>(T{});
  ctx.store.post(
      [out, query](store::Store& s) {
        *out = query(s);
        return Status::Ok();
      },
      [out, res, render](Status st) {
        if (!st) return res.send(http::error_response(500, st.error().code, st.error().message));
        if (!*out) return res.send(http::error_response(500, out->error().code, out->error().message));
        res.send(render(out->value()));
      });
}

json flow_json(const ivr::Flow& f) {
  json steps = json::array();
  for (const auto& s : f.steps) steps.push_back(json{{"id", s.id}, {"type", s.type()}});
  return json{{"tenant", f.tenant}, {"name", f.name},         {"version", f.version},
              {"languages", f.languages}, {"start", f.steps[f.start].id}, {"steps", steps}};
}

}  // namespace

void add_ivr_routes(http::Router& r, ApiContext& ctx) {
  r.post("/api/v1/flows", [&ctx](const http::Request& req, http::Responder res) {
    if (auto refused = refuse_flow(req)) return res.send(std::move(*refused));
    ctx.flows.publish(req.body, [res](Result<Published> p) {
      if (!p) return res.send(http::error_response(status_of(p.error()), p.error().code, p.error().message));
      res.send(http::json_response(201, json{{"tenant", p->tenant},
                                             {"name", p->name},
                                             {"version", p->version},
                                             {"prompts_made", p->prompts_made},
                                             {"prompts_recorded", p->prompts_recorded}}
                                            .dump()));
    });
  });
  r.post("/api/v1/flows/check", [&ctx](const http::Request& req, http::Responder res) {
    if (auto refused = refuse_flow(req)) return res.send(std::move(*refused));
    auto f = check_for_publication(req.body, "flow", ctx.calls.router().directory().all());
    if (!f) return res.send(http::error_response(status_of(f.error()), f.error().code, f.error().message));
    res.send(http::json_response(200, flow_json(*f).dump()));
  });
  r.get("/api/v1/flows", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.query_or("tenant");
    if (!tenant.empty())
      if (auto refused = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*refused));
    json arr = json::array();
    for (const auto& [key, f] : ctx.flows.flows()->all())
      if ((tenant.empty() || f->tenant == tenant) && req.principal->can(f->tenant, Role::Supervisor))
        arr.push_back(flow_json(*f));
    res.send(http::json_response(200, json{{"flows", arr}}.dump()));
  });
  r.get("/api/v1/flows/{tenant}/{name}/versions", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant"), name = req.params.at("name");
    if (auto refused = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*refused));
    from_store<std::vector<store::FlowVersion>>(
        ctx, res, [tenant, name](store::Store& s) { return s.flow_versions(tenant, name, false); },
        [](const std::vector<store::FlowVersion>& v) {
          if (v.empty()) return http::error_response(404, "api.not_found", "no such flow");
          json arr = json::array();
          for (const auto& f : v) arr.push_back(json{{"version", f.version}, {"published_ms", f.published_ms}});
          return http::json_response(200, json{{"versions", arr}}.dump());
        });
  });
  r.get("/api/v1/flows/{tenant}/{name}/versions/{version}", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant"), name = req.params.at("name"), version = req.params.at("version");
    if (auto refused = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*refused));
    from_store<std::vector<store::FlowVersion>>(
        ctx, res, [tenant, name](store::Store& s) { return s.flow_versions(tenant, name, true); },
        [version](const std::vector<store::FlowVersion>& v) {
          for (const auto& f : v)
            if (std::to_string(f.version) == version) return http::text_response(200, f.source, "application/toml");
          return http::error_response(404, "api.not_found", "no such flow version");
        });
  });
  r.get("/api/v1/voicemails", [&ctx](const http::Request& req, http::Responder res) {
    store::VoicemailQuery q;
    if (auto refused = refuse_list(req, Role::Supervisor, q.tenant)) return res.send(std::move(*refused));
    q.state = req.query_or("state");
    try {
      if (auto from = req.query_or("from"); !from.empty()) q.from_ms = std::stoll(from);
      if (auto to = req.query_or("to"); !to.empty()) q.to_ms = std::stoll(to);
      if (auto limit = req.query_or("limit"); !limit.empty()) q.limit = std::stoi(limit);
    } catch (const std::exception&) {
      return res.send(http::error_response(400, "api.bad_parameter", "from, to and limit are whole numbers"));
    }
    from_store<std::vector<model::Voicemail>>(
        ctx, res, [q](store::Store& s) { return s.query_voicemails(q); },
        [](const std::vector<model::Voicemail>& v) {
          json arr = json::array();
          for (const auto& m : v)
            arr.push_back(json{{"id", m.id},
                               {"tenant", m.tenant},
                               {"caller", m.caller},
                               {"customer_id", m.customer_id},
                               {"language", m.language},
                               {"flow", m.flow},
                               {"flow_version", m.flow_version},
                               {"path", m.path},
                               {"duration_ms", m.duration_ms},
                               {"created_ms", m.created_ms},
                               {"state", m.state}});
          return http::json_response(200, json{{"voicemails", arr}}.dump());
        });
  });
  r.get("/api/v1/ivr/report", [&ctx](const http::Request& req, http::Responder res) {
    store::CallQuery q;
    if (auto refused = refuse_list(req, Role::Supervisor, q.tenant)) return res.send(std::move(*refused));
    q.limit = store::CallQuery::kMaxLimit;
    try {
      if (auto from = req.query_or("from"); !from.empty()) q.from_ms = std::stoll(from);
      if (auto to = req.query_or("to"); !to.empty()) q.to_ms = std::stoll(to);
    } catch (const std::exception&) {
      return res.send(http::error_response(400, "api.bad_parameter", "from and to are epoch milliseconds"));
    }
    from_store<std::vector<model::CallRecord>>(
        ctx, res, [q](store::Store& s) { return s.query_calls(q); },
        [](const std::vector<model::CallRecord>& calls) {
          json arr = json::array();
          for (const auto& f : ivr::ivr_report(calls)) {
            json steps = json::object();
            for (const auto& [id, s] : f.steps) steps[id] = json{{"ended", s.ended}, {"abandoned", s.abandoned}};
            arr.push_back(json{{"tenant", f.tenant},
                               {"flow", f.flow},
                               {"version", f.version},
                               {"calls", f.calls},
                               {"ends", f.ends},
                               {"contained", f.contained},
                               {"containment", f.containment},
                               {"containment_formula", "(served + voicemail) / calls"},
                               {"steps", steps}});
          }
          return http::json_response(200, json{{"flows", arr}}.dump());
        });
  });
}

}  // namespace plateau::app
