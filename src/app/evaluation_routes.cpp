// evaluation_routes.cpp — the tenant's evaluation forms, evaluations of calls
// (scored on the server from the provisioned form, committed before they are
// acknowledged, audited as evaluation.saved) and the quality report (docs/API.md
// "Recordings and quality").
#include <memory>

#include <nlohmann/json.hpp>

#include "app/access.h"
#include "app/quality_routes.h"
#include "quality/report.h"
#include "quality/score.h"

namespace plateau::app {

namespace {

using nlohmann::json;

constexpr size_t kMaxComment = 4000;

std::string actor_of(const http::Request& req) { return req.principal ? req.principal->user : std::string("system"); }

const model::Tenant* tenant_of(const ApiContext& ctx, const std::string& tenant) {
  return ctx.calls.router().directory().tenant(tenant);
}

http::Response store_error(const Error& e) {
  if (e.code == "store.bad_query") return http::error_response(400, "api.bad_parameter", e.message);
  return http::error_response(500, e.code, e.message);
}

json form_json(const model::EvaluationForm& f) {
  json criteria = json::array();
  for (const auto& c : f.criteria)
    criteria.push_back({{"id", c.id}, {"labels", c.labels}, {"weight", c.weight}, {"max_score", c.max_score}});
  return json{{"name", f.name}, {"criteria", criteria}};
}

json evaluation_json(const model::Evaluation& e) {
  json scores = json::array();
  for (const auto& c : e.scores)
    scores.push_back({{"criterion", c.criterion},
                      {"score", c.score ? json(*c.score) : json(nullptr)},
                      {"max_score", c.max_score},
                      {"weight", c.weight}});
  return json{{"id", e.id},         {"call_id", e.call_id},     {"agent", e.agent}, {"form", e.form},
              {"evaluator", e.evaluator}, {"ts_ms", e.ts_ms}, {"score", e.score}, {"comment", e.comment},
              {"scores", scores}};
}

// from/to/limit/offset of a list, in the tenant's zone.
std::optional<http::Response> read_window(const http::Request& req, const std::string& tz, int64_t& from, int64_t& to) {
  auto f = quality::parse_bound(tz, req.query_or("from"), false, from);
  auto t = quality::parse_bound(tz, req.query_or("to"), true, to);
  if (!f || !t) return http::error_response(400, "api.bad_parameter", (!f ? f.error() : t.error()).message);
  from = *f;
  to = *t;
  return std::nullopt;
}

}  // namespace

void add_evaluation_routes(http::Router& r, ApiContext& ctx) {
  r.get("/api/v1/tenants/{tenant}/evaluation-forms", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant");
    if (auto no = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*no));
    json forms = json::array();
    if (const model::Tenant* t = tenant_of(ctx, tenant))
      for (const auto& f : t->evaluation_forms) forms.push_back(form_json(f));
    res.send(http::json_response(200, json{{"forms", forms}}.dump()));
  });

  // {call_id, form, scores: {criterion: n | null}, comment}
  r.post("/api/v1/tenants/{tenant}/evaluations", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant");
    if (auto no = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*no));
    auto bad = [&res](const std::string& message) {
      res.send(http::error_response(422, "quality.bad_request", message));
    };
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return bad("the body is not a JSON object");
    const std::string call_id = body.value("call_id", json()).is_string() ? body["call_id"].get<std::string>() : "";
    const std::string form_name = body.value("form", json()).is_string() ? body["form"].get<std::string>() : "";
    const json comment = body.value("comment", json(""));
    if (call_id.empty()) return bad("call_id is required: the call evaluated");
    if (!comment.is_string() || comment.get<std::string>().size() > kMaxComment)
      return bad("comment must be a text of at most 4000 bytes");
    const model::Tenant* t = tenant_of(ctx, tenant);
    const model::EvaluationForm* form = nullptr;
    if (t)
      for (const auto& f : t->evaluation_forms)
        if (f.name == form_name) form = &f;
    if (!form) return bad("form \"" + form_name + "\" is not an evaluation form of tenant " + tenant);
    auto scores = body.find("scores");
    if (scores == body.end() || !scores->is_object())
      return bad("scores must be an object {criterion: score or null}");
    quality::GivenScores given;
    for (const auto& [id, v] : scores->items()) {
      if (v.is_null()) {
        given[id] = std::nullopt;
      } else if (v.is_number_integer()) {
        given[id] = v.get<int>();
      } else {
        return bad("the score of criterion \"" + id + "\" must be a whole number or null");
      }
    }
    auto scored = quality::weighted_score(*form, given);
    if (!scored) return bad(scored.error().message);
    model::Evaluation e;
    e.tenant = tenant;
    e.call_id = call_id;
    e.form = form->name;
    e.evaluator = actor_of(req);
    e.ts_ms = ctx.clock_ms();
    e.score = scored->score;
    e.comment = comment.get<std::string>();
    e.scores = std::move(scored->criteria);
    auto out = std::make_shared<Result<model::Evaluation>>(model::Evaluation{});
    ctx.store.post(
        [out, e](store::Store& s) mutable {
          store::RecordingQuery rq;
          rq.tenant = e.tenant;
          rq.call_id = e.call_id;
          rq.limit = 1;
          auto call = s.query_recordings(rq);
          if (!call) return Status(call.error());
          if (call->calls.empty()) {
            *out = make_error("api.not_found", "no recorded call " + e.call_id + " in tenant " + e.tenant);
            return Status{};
          }
          e.agent = call->calls[0].agent;
          *out = s.save_evaluation(e);
          if (!*out) return Status(out->error());
          store::EventRecord ev{e.ts_ms, e.tenant, "evaluation.saved", e.call_id, e.agent,
                                json{{"actor", e.evaluator}, {"form", e.form}, {"score", e.score},
                                     {"evaluation", (*out)->id}}
                                    .dump()};
          return s.append_event(ev);
        },
        [out, res](Status st) {
          if (!st) return res.send(store_error(st.error()));
          if (!*out) {
            if (out->error().code == "api.not_found")
              return res.send(http::error_response(404, "api.not_found", out->error().message));
            return res.send(store_error(out->error()));
          }
          res.send(http::json_response(201, evaluation_json(out->value()).dump()));
        });
  });

  r.get("/api/v1/tenants/{tenant}/evaluations", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant");
    if (auto no = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*no));
    store::EvaluationQuery eq;
    eq.tenant = tenant;
    eq.call_id = req.query_or("call");
    eq.agent = req.query_or("agent");
    eq.form = req.query_or("form");
    const model::Tenant* t = tenant_of(ctx, tenant);
    if (auto no = read_window(req, t ? t->timezone : "UTC", eq.from_ms, eq.to_ms)) return res.send(std::move(*no));
    try {
      eq.limit = std::stoi(req.query_or("limit", "100"));
      eq.offset = std::stoi(req.query_or("offset", "0"));
    } catch (const std::exception&) {
      return res.send(http::error_response(400, "api.bad_parameter", "limit and offset are whole numbers"));
    }
    auto out = std::make_shared<Result<std::vector<model::Evaluation>>>(std::vector<model::Evaluation>{});
    ctx.store.post([out, eq](store::Store& s) {
      *out = s.query_evaluations(eq);
      return Status{};
    },
                   [out, res](Status st) {
                     if (!st) return res.send(store_error(st.error()));
                     if (!*out) return res.send(store_error(out->error()));
                     json arr = json::array();
                     for (const auto& e : out->value()) arr.push_back(evaluation_json(e));
                     res.send(http::json_response(200, json{{"evaluations", arr}}.dump()));
                   });
  });

  r.get("/api/v1/tenants/{tenant}/reports/quality", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant");
    if (auto no = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*no));
    const std::string interval = req.query_or("interval", "week");
    if (interval != "week" && interval != "month")
      return res.send(http::error_response(400, "api.bad_parameter", "interval must be week or month"));
    const model::Tenant* t = tenant_of(ctx, tenant);
    const std::string tz = t ? t->timezone : "UTC";
    store::EvaluationQuery eq;
    eq.tenant = tenant;
    eq.agent = req.query_or("agent");
    eq.form = req.query_or("form");
    eq.limit = store::CallQuery::kMaxLimit;
    if (auto no = read_window(req, tz, eq.from_ms, eq.to_ms)) return res.send(std::move(*no));
    json criteria = json::array();
    if (t)
      for (const auto& f : t->evaluation_forms)
        if (eq.form.empty() || f.name == eq.form)
          for (const auto& c : f.criteria) criteria.push_back({{"form", f.name}, {"id", c.id}, {"labels", c.labels}});
    auto out = std::make_shared<Result<std::vector<model::Evaluation>>>(std::vector<model::Evaluation>{});
    ctx.store.post([out, eq](store::Store& s) {
      *out = s.query_evaluations(eq);
      return Status{};
    },
                   [out, res, tenant, tz, interval, criteria, req_from = req.query_or("from"),
                    req_to = req.query_or("to")](Status st) {
                     if (!st) return res.send(store_error(st.error()));
                     if (!*out) return res.send(store_error(out->error()));
                     auto rows = quality::quality_report(out->value(), tz,
                                                         interval == "month" ? quality::Interval::Month
                                                                             : quality::Interval::Week);
                     if (!rows) return res.send(http::error_response(500, rows.error().code, rows.error().message));
                     json arr = json::array();
                     for (const auto& r : *rows)
                       arr.push_back({{"start", r.start},
                                      {"start_ms", r.start_ms},
                                      {"agent", r.agent},
                                      {"criterion", r.criterion},
                                      {"evaluations", r.evaluations},
                                      {"mean", r.mean},
                                      {"min", r.min},
                                      {"max", r.max}});
                     res.send(http::json_response(
                         200, json{{"tenant", tenant},
                                   {"time_zone", tz},
                                   {"from", req_from},
                                   {"to", req_to},
                                   {"interval", interval},
                                   {"formula", "score = 100 * sum(weight * score / max_score) / sum(weight), over "
                                               "the criteria that apply; a criterion's mean = mean of 100 * score / "
                                               "max_score"},
                                   {"criteria", criteria},
                                   {"rows", arr}}
                                  .dump()));
                   });
  });
}

}  // namespace plateau::app
