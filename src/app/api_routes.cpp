#include "app/api_routes.h"

#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include "app/access.h"
#include "app/case_routes.h"
#include "app/customer_routes.h"
#include "http/csv.h"
#include "provision/provision.h"
#include "store/store.h"

namespace plateau::app {

namespace {

using nlohmann::json;
namespace asio = boost::asio;

json call_json(const model::CallRecord& r) {
  return json{{"id", r.id},           {"sip_call_id", r.sip_call_id},
              {"tenant", r.tenant},   {"caller", r.caller},
              {"number", r.number},   {"queue", r.queue},
              {"agent", r.agent},     {"start_ms", r.start_ms},
              {"answer_ms", r.answer_ms}, {"end_ms", r.end_ms},
              {"wait_ms", r.wait_ms}, {"ring_ms", r.ring_ms},
              {"talk_ms", r.talk_ms}, {"outcome", model::to_string(r.outcome)},
              {"reason", r.reason},   {"recording", r.recording},
              {"flow", r.flow},       {"flow_version", r.flow_version},
              {"ivr_end", r.ivr_end}, {"ivr_path", json::parse(r.ivr_path.empty() ? "null" : r.ivr_path, nullptr, false)},
              {"recording_notice", r.recording_notice},
              {"attached", json::parse(r.attached.empty() ? "{}" : r.attached, nullptr, false)},
              {"hold_ms", r.hold_ms},
              {"holds", r.holds},
              {"transfers", json::parse(r.transfers.empty() ? "[]" : r.transfers, nullptr, false)},
              {"conference", r.conference},
              {"disposition", r.disposition}, {"wrapup_note", r.wrapup_note},
              {"recording_paused_ms", r.recording_paused_ms}, {"recording_pauses", r.recording_pauses},
              {"recording_purged", r.recording_purged_ms > 0}};
}

// Parses ?from=&to=&tenant=&limit=&offset= into a query; an Error for a bad number.
Result<store::CallQuery> call_query(const http::Request& req) {
  store::CallQuery q;
  auto num = [&](const char* key, int64_t& out, int64_t lo, int64_t hi) -> Status {
    auto it = req.query.find(key);
    if (it == req.query.end()) return {};
    try {
      size_t used = 0;
      long long v = std::stoll(it->second, &used);
      if (used != it->second.size() || v < lo || v > hi) throw std::out_of_range("range");
      out = v;
    } catch (const std::exception&) {
      return make_error("api.bad_parameter", std::string(key) + ": \"" + it->second + "\" is not a whole number in " +
                                                 std::to_string(lo) + ".." + std::to_string(hi));
    }
    return {};
  };
  int64_t limit = q.limit, offset = q.offset;
  for (Status st : {num("from", q.from_ms, 0, INT64_MAX), num("to", q.to_ms, 0, INT64_MAX),
                    num("limit", limit, 1, 100000), num("offset", offset, 0, INT32_MAX)}) {
    if (!st) return st.error();
  }
  q.limit = static_cast<int>(limit);
  q.offset = static_cast<int>(offset);
  q.tenant = req.query_or("tenant");
  return q;
}

// Runs a call query on the store worker and answers from there.
void with_calls(ApiContext& ctx, const http::Request& req, http::Responder res,
                std::function<http::Response(const std::vector<model::CallRecord>&)> render) {
  auto q = call_query(req);
  if (!q) {
    res.send(http::error_response(400, q.error().code, q.error().message));
    return;
  }
  if (auto refused = refuse_list(req, Role::Supervisor, q->tenant)) return res.send(std::move(*refused));
  auto out = std::make_shared<Result<std::vector<model::CallRecord>>>(std::vector<model::CallRecord>{});
  ctx.store.post([q = *q, out](store::Store& s) {
    *out = s.query_calls(q);
    return Status::Ok();
  },
                 [out, res, render](Status st) {
                   if (!st) res.send(http::error_response(500, st.error().code, st.error().message));
                   else if (!*out) res.send(http::error_response(500, out->error().code, out->error().message));
                   else res.send(render(out->value()));
                 });
}

http::Response calls_csv(const std::vector<model::CallRecord>& calls, http::CsvProfile profile) {
  http::CsvWriter w(profile);
  w.row({"id", "sip_call_id", "tenant", "caller", "number", "queue", "agent", "start_ms", "answer_ms", "end_ms",
         "wait_s", "ring_s", "talk_s", "outcome", "reason", "recording", "flow", "flow_version", "ivr_end",
         "recording_notice"});
  for (const auto& r : calls) {
    w.row({r.id, r.sip_call_id, r.tenant, r.caller, r.number, r.queue, r.agent, r.start_ms, r.answer_ms, r.end_ms,
           r.wait_ms / 1000.0, r.ring_ms / 1000.0, r.talk_ms / 1000.0, std::string(model::to_string(r.outcome)),
           r.reason, r.recording, r.flow, int64_t{r.flow_version}, r.ivr_end, std::string(r.recording_notice ? "yes" : "no")});
  }
  return http::text_response(200, w.take(), http::csv_content_type(profile));
}

}  // namespace

http::Router make_routes(ApiContext& ctx) {
  http::Router r;
  r.get("/healthz", [&ctx](const http::Request&, http::Responder res) {
    json j{{"status", "ok"},
           {"version", PLATEAU_VERSION},
           {"uptime_s", (ctx.clock_ms() - ctx.started_ms) / 1000},
           {"active_calls", ctx.calls.router().active_calls()}};
    res.send(http::json_response(200, j.dump()));
  });
  r.get("/metrics", [&ctx](const http::Request&, http::Responder res) {
    res.send(http::text_response(200, ctx.registry.render(), "text/plain; version=0.0.4; charset=utf-8"));
  });
  r.get("/api/v1/calls", [&ctx](const http::Request& req, http::Responder res) {
    with_calls(ctx, req, res, [](const std::vector<model::CallRecord>& calls) {
      json arr = json::array();
      for (const auto& c : calls) arr.push_back(call_json(c));
      return http::json_response(200, json{{"calls", arr}}.dump());
    });
  });
  r.get("/api/v1/calls.csv", [&ctx](const http::Request& req, http::Responder res) {
    auto profile = http::parse_csv_profile(req.query_or("profile", "standard"));
    if (!profile) {
      res.send(http::error_response(400, profile.error().code, profile.error().message));
      return;
    }
    with_calls(ctx, req, res, [p = *profile](const std::vector<model::CallRecord>& calls) { return calls_csv(calls, p); });
  });
  // POST /api/v1/provisioning, body: a provisioning file (TOML). Checked, stored,
  // then swapped in: new calls follow it, calls in progress keep their rules.
  r.post("/api/v1/provisioning", [&ctx](const http::Request& req, http::Responder res) {
    auto parsed = provision::parse_string(req.body, "request body");
    if (!parsed) return res.send(http::error_response(422, parsed.error().code, parsed.error().message));
    for (const auto& t : parsed->tenants)
      if (auto refused = refuse(req, t.name, Role::Administrator)) return res.send(std::move(*refused));
    struct Outcome {
      Result<store::ProvisionSummary> summary = store::ProvisionSummary{};
      Result<model::Provisioning> loaded = model::Provisioning{};
    };
    auto out = std::make_shared<Outcome>();
    ctx.store.post(
        [p = std::move(parsed.value()), realm = ctx.sip_realm, out](store::Store& s) {
          out->summary = s.apply_provisioning(p, realm);
          if (out->summary) out->loaded = s.load_provisioning();
          return Status::Ok();
        },
        [&ctx, out, res](Status st) {
          boost::asio::post(ctx.io, [&ctx, out, res, st] {
            if (!st) return res.send(http::error_response(500, st.error().code, st.error().message));
            if (!out->summary) return res.send(http::error_response(422, out->summary.error().code,
                                                                    out->summary.error().message));
            if (!out->loaded) return res.send(http::error_response(500, out->loaded.error().code,
                                                                   out->loaded.error().message));
            auto dir = std::make_shared<const core::Directory>(std::move(out->loaded.value()));
            if (Status applied = ctx.calls.set_directory(dir); !applied)
              return res.send(http::error_response(409, applied.error().code, applied.error().message));
            res.send(http::json_response(200, json{{"applied", true}, {"summary", store::to_text(out->summary.value())}}.dump()));
          });
        });
  });
  r.get("/api/v1/events", [&ctx](const http::Request& req, http::Responder res) {
    auto window = call_query(req);
    if (!window) {
      res.send(http::error_response(400, window.error().code, window.error().message));
      return;
    }
    store::EventQuery q;
    q.from_ms = window->from_ms;
    q.to_ms = window->to_ms;
    if (auto refused = refuse_list(req, Role::Supervisor, q.tenant)) return res.send(std::move(*refused));
    q.limit = window->limit;
    q.offset = window->offset;
    q.kind = req.query_or("kind");
    auto out = std::make_shared<Result<std::vector<store::EventRecord>>>(std::vector<store::EventRecord>{});
    ctx.store.post(
        [q, out](store::Store& s) {
          *out = s.query_events(q);
          return Status::Ok();
        },
        [out, res](Status st) {
          if (!st) return res.send(http::error_response(500, st.error().code, st.error().message));
          if (!*out) return res.send(http::error_response(500, out->error().code, out->error().message));
          json arr = json::array();
          for (const auto& e : out->value()) {
            auto data = json::parse(e.data_json, nullptr, false);
            arr.push_back(json{{"ts_ms", e.ts_ms}, {"tenant", e.tenant}, {"kind", e.kind}, {"call_id", e.call_id},
                               {"agent", e.agent}, {"data", data.is_discarded() ? json(e.data_json) : data}});
          }
          res.send(http::json_response(200, json{{"events", arr}}.dump()));
        });
  });
  r.get("/api/v1/agents", [&ctx](const http::Request& req, http::Responder res) {
    // Supervisors see their tenants' agents; an agent sees itself.
    const std::string tenant = req.query_or("tenant");
    if (!tenant.empty())
      if (auto refused = refuse(req, tenant, Role::Agent)) return res.send(std::move(*refused));
    json arr = json::array();
    for (const auto& a : ctx.calls.router().agents()) {
      if (!tenant.empty() && a.tenant != tenant) continue;
      if (refuse_agent(req, a.tenant, a.login)) continue;
      arr.push_back(json{{"tenant", a.tenant},        {"login", a.login},
                         {"name", a.name},            {"phone", a.phone},
                         {"state", acd::to_string(a.state)}, {"reason", a.reason},
                         {"pending", a.pending},      {"state_since_ms", a.state_since_ms},
                         {"call", a.call_id},         {"handled", a.handled},
                         {"talk_today_ms", a.talk_today_ms}});
    }
    res.send(http::json_response(200, json{{"agents", arr}}.dump()));
  });
  r.get("/api/v1/queues", [&ctx](const http::Request& req, http::Responder res) {
    const std::string tenant = req.query_or("tenant");
    if (!tenant.empty())
      if (auto refused = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*refused));
    json arr = json::array();
    for (const auto& q : ctx.calls.router().queues()) {
      if (!tenant.empty() && q.tenant != tenant) continue;
      if (!req.principal->can(q.tenant, Role::Supervisor)) continue;
      json agents = json::object();
      for (auto s : acd::kAgentStates) agents[std::string(acd::to_string(s))] = q.agents[static_cast<size_t>(s)];
      arr.push_back(json{{"tenant", q.tenant},
                         {"name", q.name},
                         {"display_name", q.display_name},
                         {"waiting", q.waiting},
                         {"ringing", q.ringing},
                         {"callbacks", q.callbacks},
                         {"oldest_wait_ms", q.oldest_wait_ms},
                         {"estimated_wait_ms", q.ewt_ms},
                         {"agents", agents},
                         {"offered", q.offered},
                         {"answered", q.answered},
                         {"abandoned", q.abandoned},
                         {"overflowed", q.overflowed},
                         {"answered_in_sl", q.answered_in_sl},
                         {"sl_threshold_s", q.sl_threshold_s},
                         {"sl_target_pct", q.sl_target_pct}});
    }
    res.send(http::json_response(200, json{{"queues", arr}}.dump()));
  });
  // POST /api/v1/agents/{tenant}/{login}/<command>, body {"reason": ...} or {"disposition": ...}.
  auto agent_cmd = [&ctx](AgentCommand cmd) {
    return [&ctx, cmd](const http::Request& req, http::Responder res) {
      const std::string tenant = req.params.at("tenant"), login = req.params.at("login");
      if (auto refused = refuse_agent(req, tenant, login)) return res.send(std::move(*refused));
      json body = json::object();
      if (!req.body.empty()) {
        body = json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) {
          res.send(http::error_response(400, "api.bad_json", "the body is not a JSON object"));
          return;
        }
      }
      auto text = [&](const char* key) {
        auto it = body.find(key);
        return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
      };
      // The call being wrapped up, read before the command frees the agent of it.
      const std::string wrapped = cmd == AgentCommand::EndWrapUp ? wrapping_call(ctx.calls.router(), tenant, login) : "";
      const std::string arg = cmd == AgentCommand::EndWrapUp ? text("disposition")
                              : cmd == AgentCommand::Login   ? text("phone")
                                                             : text("reason");
      auto done = ctx.calls.agent_command(cmd, tenant, login, arg, text("note"));
      if (!done) {
        const std::string& code = done.error().code;
        const int status = code == "acd.agent_unknown" ? 404
                           : code == "acd.reason_unknown" || code == "acd.disposition_unknown" || code == "acd.phone_unknown"
                               ? 422
                               : 409;
        res.send(http::error_response(status, code, done.error().message));
        return;
      }
      if (!wrapped.empty() && !(text("disposition").empty() && text("note").empty())) {
        // Answered once the disposition and note are committed with the call record.
        return store_disposition(ctx.store, {tenant, wrapped, login, text("disposition"), text("note"), ctx.clock_ms()},
                                 res);
      }
      res.send(http::json_response(200, json{{"ok", true}}.dump()));
    };
  };
  r.post("/api/v1/agents/{tenant}/{login}/ready", agent_cmd(AgentCommand::Ready));
  r.post("/api/v1/agents/{tenant}/{login}/not-ready", agent_cmd(AgentCommand::NotReady));
  r.post("/api/v1/agents/{tenant}/{login}/end-wrap-up", agent_cmd(AgentCommand::EndWrapUp));
  r.post("/api/v1/agents/{tenant}/{login}/login", agent_cmd(AgentCommand::Login));
  r.post("/api/v1/agents/{tenant}/{login}/logout", agent_cmd(AgentCommand::Logout));
  add_ivr_routes(r, ctx);
  add_case_routes(r, ctx.store, ctx.clock_ms);  // before the customer routes: ".../search" is no customer id
  add_customer_routes(r, ctx.store);
  add_schedule_routes(r, ctx);
  add_call_control_routes(r, ctx);
  add_monitor_routes(r, ctx);
  return r;
}

}  // namespace plateau::app
