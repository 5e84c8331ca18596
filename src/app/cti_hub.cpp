#include "app/cti_hub.h"

#include <algorithm>
#include <map>

#include <spdlog/spdlog.h>

#include "app/access.h"

namespace plateau::app {

using nlohmann::json;

namespace {

// Topics one connection may hold at once.
constexpr size_t kMaxTopics = 256;

json error(const std::string& code, const std::string& message) { return json{{"code", code}, {"message", message}}; }

std::shared_ptr<const std::string> text(const json& j) { return std::make_shared<const std::string>(j.dump()); }

}  // namespace

CtiHub::CtiHub(const core::Router& router, metrics::Registry& registry, std::function<int64_t()> clock_ms)
    : router_(router),
      registry_(registry),
      clients_gauge_(registry.gauge(metrics::Metric::cti_clients)),
      sent_(registry.counter(metrics::Metric::cti_events_sent_total)),
      dropped_(registry.counter(metrics::Metric::cti_slow_clients_dropped_total)),
      clock_ms_(std::move(clock_ms)) {
  translator_.seed(router_.agents());
}

void CtiHub::on_log(const core::LogEvent& ev) {
  for (const cti::Event& e : translator_.on_log(ev)) {
    auto subs = subscribers_.find(e.topic);
    if (subs == subscribers_.end() || subs->second.empty()) continue;
    fan_out(e.topic, std::make_shared<const std::string>(e.to_json()));  // once, whatever the number of clients
  }
}

void CtiHub::publish(const cti::Topic& topic, const std::string& name, int64_t ts_ms, json data) {
  const std::string t = topic.str();
  cti::Event e{t, ++app_seq_[t], name, ts_ms, std::move(data)};
  if (auto subs = subscribers_.find(t); subs == subscribers_.end() || subs->second.empty()) return;
  fan_out(t, std::make_shared<const std::string>(e.to_json()));
}

std::vector<std::string> CtiHub::supervised_tenants() const {
  std::vector<std::string> out;
  for (const auto& [topic, ids] : subscribers_) {
    if (ids.empty() || topic.rfind("supervision:", 0) != 0) continue;
    out.push_back(topic.substr(std::string_view("supervision:").size()));
  }
  return out;
}

uint64_t CtiHub::seq(const std::string& topic) const {
  if (auto it = app_seq_.find(topic); it != app_seq_.end()) return it->second;
  return translator_.seq(topic);
}

void CtiHub::fan_out(const std::string& topic, const std::shared_ptr<const std::string>& message) {
  auto subs = subscribers_.find(topic);
  if (subs == subscribers_.end()) return;
  std::vector<uint64_t> slow;
  for (uint64_t id : subs->second) {
    auto c = clients_.find(id);
    if (c == clients_.end()) continue;
    switch (c->second.ws->send(message)) {
      case http::Sent::Queued: sent_.inc(); break;
      case http::Sent::TooSlow: slow.push_back(id); break;
      case http::Sent::Closed: break;  // its `closed` follows
    }
  }
  for (uint64_t id : slow) {
    dropped_.inc();
    spdlog::warn("cti: client {} dropped: too slow to read its events", id);
    closed(id);  // it gets nothing more while its connection closes
  }
}

void CtiHub::add_routes(http::Router& r) {
  http::WebSocketEndpoint ep;
  ep.opened = [this](std::shared_ptr<http::WebSocket> ws, const http::Request& req) { opened(std::move(ws), req); };
  ep.message = [this](uint64_t id, std::string t) { message(id, t); };
  ep.closed = [this](uint64_t id, const std::string&) { closed(id); };
  r.websocket("/api/v1/ws", std::move(ep));

  r.get("/api/v1/snapshot", [this](const http::Request& req, http::Responder res) {
    auto t = checked(*req.principal, json(req.query_or("topic")));
    if (auto* e = std::get_if<json>(&t)) {
      const std::string code = (*e)["code"];
      const int status = code == "cti.forbidden" ? 403 : code == "cti.not_found" ? 404 : 400;
      res.send(http::error_response(status, code, (*e)["message"].get<std::string>()));
      return;
    }
    auto s = snapshot(std::get<cti::Topic>(t));
    if (!s) return res.send(http::error_response(404, "cti.not_found", "no such topic"));
    res.send(http::json_response(200, s->to_json().dump()));
  });
}

void CtiHub::opened(std::shared_ptr<http::WebSocket> ws, const http::Request& req) {
  const uint64_t id = ws->id();
  clients_[id] = Client{std::move(ws), req.principal, {}};
  count_connections();
}

// plateau_ws_connections{kind}: the connections by the highest role of their user.
void CtiHub::count_connections() {
  clients_gauge_.set(static_cast<double>(clients_.size()));
  std::map<std::string, int> by{{"agent", 0}, {"supervisor", 0}, {"administrator", 0}, {"api_token", 0}};
  for (const auto& [id, c] : clients_) {
    if (c.principal->system) {
      by["api_token"]++;
      continue;
    }
    auth::Role top = auth::Role::Agent;
    for (const auto& m : c.principal->memberships) top = std::max(top, m.role);
    by[std::string(auth::to_string(top))]++;
  }
  for (const auto& [kind, n] : by) registry_.gauge(metrics::Metric::ws_connections, {kind}).set(n);
}

void CtiHub::closed(uint64_t id) {
  auto it = clients_.find(id);
  if (it == clients_.end()) return;
  for (const auto& t : it->second.topics) {
    auto s = subscribers_.find(t);
    if (s == subscribers_.end()) continue;
    s->second.erase(id);
    if (s->second.empty()) subscribers_.erase(s);
  }
  clients_.erase(it);
  count_connections();
}

std::optional<cti::Snapshot> CtiHub::snapshot(const cti::Topic& t) const {
  if (t.kind == cti::TopicKind::Supervision) {
    if (!supervision_) return std::nullopt;
    auto state = supervision_(t.tenant);
    if (!state) return std::nullopt;
    return cti::Snapshot{t.str(), seq(t.str()), std::move(*state)};
  }
  return translator_.snapshot(t, router_.agents(), router_.queues());
}

std::variant<cti::Topic, json> CtiHub::checked(const auth::Principal& p, const json& topic) const {
  if (!topic.is_string()) return error("cti.bad_topic", "a topic is a string such as \"agent:<tenant>:<login>\"");
  const std::string name = topic.get<std::string>();
  auto t = cti::parse_topic(name);
  if (!t)
    return error("cti.bad_topic", "\"" + name + "\" is not a topic: agent:<tenant>:<login>, queue:<tenant>:<queue> "
                                               "or tenant:<tenant>");
  switch (cti::access(p, *t)) {
    case cti::Access::NotFound: return error("cti.not_found", "no such topic: " + name);
    case cti::Access::Forbidden:
      return error("cti.forbidden", t->kind == cti::TopicKind::Agent
                                        ? "an agent subscribes to its own agent topic only"
                                        : "queue, tenant and supervision topics are for supervisors");
    case cti::Access::Allowed: break;
  }
  return *t;
}

void CtiHub::message(uint64_t id, const std::string& in) {
  auto it = clients_.find(id);
  if (it == clients_.end()) return;
  Client& c = it->second;
  json req = json::parse(in, nullptr, false);
  json res{{"type", "response"}, {"id", nullptr}};
  auto answer = [&](std::optional<json> err, json data = nullptr) {
    res["ok"] = !err;
    if (err) res["error"] = std::move(*err);
    if (!data.is_null()) res["data"] = std::move(data);
    c.ws->send(text(res));
  };
  if (req.is_discarded() || !req.is_object())
    return answer(error("cti.bad_request", "a request is a JSON object with \"id\" and \"type\""));
  if (auto i = req.find("id"); i != req.end()) res["id"] = *i;
  const json type = req.value("type", json());
  if (!type.is_string()) return answer(error("cti.bad_request", "the request has no \"type\""));
  const std::string kind = type.get<std::string>();

  if (kind == "ping") return answer(std::nullopt, json{{"ts_ms", clock_ms_()}});

  if (kind == "snapshot") {
    auto t = checked(*c.principal, req.value("topic", json()));
    if (auto* e = std::get_if<json>(&t)) return answer(*e);
    auto s = snapshot(std::get<cti::Topic>(t));
    if (!s) return answer(error("cti.not_found", "no such topic: " + std::get<cti::Topic>(t).str()));
    return answer(std::nullopt, s->to_json());
  }

  if (kind == "subscribe" || kind == "unsubscribe") {
    const json topics = req.value("topics", json());
    if (!topics.is_array() || topics.empty())
      return answer(error("cti.bad_request", "\"topics\" is a non-empty array of topics"));
    std::vector<cti::Topic> list;
    for (const auto& t : topics) {
      auto r = checked(*c.principal, t);
      if (auto* e = std::get_if<json>(&r)) return answer(*e);  // nothing changes
      list.push_back(std::get<cti::Topic>(r));
    }
    json done = json::array();
    if (kind == "unsubscribe") {
      for (const auto& t : list) {
        const std::string name = t.str();
        c.topics.erase(name);
        if (auto s = subscribers_.find(name); s != subscribers_.end()) {
          s->second.erase(id);
          if (s->second.empty()) subscribers_.erase(s);
        }
        done.push_back(name);
      }
      return answer(std::nullopt, json{{"topics", done}});
    }
    const auto agents = router_.agents();
    const auto queues = router_.queues();
    std::set<std::string> adding;
    for (const auto& t : list) {
      const bool exists = t.kind == cti::TopicKind::Supervision ? supervision_ && supervision_(t.tenant).has_value()
                                                                 : translator_.snapshot(t, agents, queues).has_value();
      if (!exists) return answer(error("cti.not_found", "no such topic: " + t.str()));
      if (!c.topics.count(t.str())) adding.insert(t.str());
    }
    if (c.topics.size() + adding.size() > kMaxTopics)
      return answer(error("cti.too_many_topics",
                          "a connection subscribes to " + std::to_string(kMaxTopics) + " topics at most"));
    for (const auto& t : list) {
      const std::string name = t.str();
      c.topics.insert(name);
      subscribers_[name].insert(id);
      // Where the client starts: the next event of the topic is seq + 1.
      done.push_back(json{{"topic", name}, {"seq", seq(name)}});
    }
    return answer(std::nullopt, json{{"topics", done}});
  }
  answer(error("cti.unknown_type", "unknown request type \"" + kind + "\": subscribe, unsubscribe, snapshot or ping"));
}

}  // namespace plateau::app
