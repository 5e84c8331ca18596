#include "supervision/board.h"

#include <algorithm>
#include <cmath>

#include "supervision/day.h"

namespace plateau::supervision {

using nlohmann::json;

namespace {

// Calls followed at once, at most (calls whose end was never logged go first).
constexpr size_t kMaxCalls = 200'000;

json rounded(std::optional<double> v, double scale) {
  if (!v) return nullptr;
  return std::round(*v * scale) / scale;
}

std::string text_of(const json& d, const char* key) {
  auto it = d.find(key);
  return it != d.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

const char* to_string(Level l) {
  switch (l) {
    case Level::Ok: return "ok";
    case Level::Amber: return "amber";
    case Level::Red: return "red";
  }
  return "ok";
}

Level level_high(double value, int amber, int red) {
  if (value >= red) return Level::Red;
  if (value >= amber) return Level::Amber;
  return Level::Ok;
}

Level level_low(double value, int amber, int red) {
  if (value < red) return Level::Red;
  if (value < amber) return Level::Amber;
  return Level::Ok;
}

std::optional<double> service_level(const QueueCounts& c) {
  const int den = c.answered + c.abandoned - c.abandoned_within;
  if (den <= 0) return std::nullopt;
  return static_cast<double>(c.answered_within) / den;
}

std::optional<double> asa_s(const QueueCounts& c) {
  if (c.answered <= 0) return std::nullopt;
  return static_cast<double>(c.answered_wait_ms) / c.answered / 1000.0;
}

Board::Day& Board::day(const std::string& tenant, int64_t ts_ms, const core::Directory& dir) {
  Day& d = days_[tenant];
  if (d.end_ms != 0 && ts_ms >= d.start_ms && ts_ms < d.end_ms) return d;
  const model::Tenant* t = dir.tenant(tenant);
  const LocalDay ld = local_day(t ? std::string_view(t->timezone) : std::string_view("UTC"), ts_ms);
  if (ld.start_ms != d.start_ms) {
    d.queues.clear();
    d.agents.clear();
  }
  d.start_ms = ld.start_ms;
  d.end_ms = ld.end_ms;
  return d;
}

Board::CallTrack& Board::track(const core::LogEvent& ev) {
  auto [it, fresh] = calls_.try_emplace(ev.call_id);
  if (fresh) {
    it->second.tenant = ev.tenant;
    arrival_.push_back(ev.call_id);
    while (calls_.size() > kMaxCalls && !arrival_.empty()) {
      if (arrival_.front() != ev.call_id) calls_.erase(arrival_.front());
      arrival_.pop_front();
    }
  }
  return calls_.find(ev.call_id)->second;
}

void Board::on_event(const core::LogEvent& ev, const core::Directory& dir) {
  const bool call_kind = ev.kind.rfind("call.", 0) == 0;
  if (!call_kind && ev.kind != "agent.state") return;
  const json d = json::parse(ev.data_json.empty() ? "{}" : ev.data_json, nullptr, false);
  if (!d.is_object()) return;
  Day& today = day(ev.tenant, ev.ts_ms, dir);
  if (ev.kind == "agent.state") return on_agent_state(ev, d, today);
  if (ev.call_id.empty()) return;

  auto threshold_ms = [&](const std::string& queue) {
    const model::Queue* q = dir.queue(ev.tenant, queue);
    return int64_t{q ? q->sl_threshold_s : 20} * 1000;
  };
  if (ev.kind == "call.arrived") {
    track(ev).caller = text_of(d, "caller");
  } else if (ev.kind == "call.queued") {
    CallTrack& c = track(ev);
    c.queue = text_of(d, "queue");
    c.entered_ms = ev.ts_ms;
    c.phase = Phase::Waiting;
    today.queues[c.queue].offered++;
  } else if (ev.kind == "call.offered") {
    if (text_of(d, "kind") == "consult") return;
    CallTrack& c = track(ev);
    if (c.caller.empty()) c.caller = text_of(d, "caller");
    if (c.queue.empty()) c.queue = text_of(d, "queue");
    if (!ev.agent.empty()) last_contact_[{ev.tenant, ev.agent}] = Contact{ev.call_id, c.caller, c.queue};
  } else if (ev.kind == "call.overflow") {
    auto it = calls_.find(ev.call_id);
    if (it == calls_.end() || it->second.phase != Phase::Waiting) return;
    const std::string to = text_of(d, "to");
    if (to.empty()) {
      it->second.phase = Phase::Left;  // hung up, called back or sent to a number: neither answered nor abandoned
      return;
    }
    it->second.queue = to;
    it->second.entered_ms = ev.ts_ms;
    today.queues[to].offered++;
  } else if (ev.kind == "call.answered") {
    auto it = calls_.find(ev.call_id);
    if (it == calls_.end() || it->second.phase != Phase::Waiting) return;
    CallTrack& c = it->second;
    QueueCounts& q = today.queues[c.queue];
    const int64_t waited = ev.ts_ms - c.entered_ms;
    q.answered++;
    q.answered_wait_ms += waited;
    if (waited <= threshold_ms(c.queue)) q.answered_within++;
    c.phase = Phase::Answered;
  } else if (ev.kind == "call.ended") {
    auto it = calls_.find(ev.call_id);
    if (it == calls_.end()) return;
    CallTrack& c = it->second;
    if (c.phase == Phase::Waiting && text_of(d, "outcome") == "abandoned") {
      QueueCounts& q = today.queues[c.queue];
      const int64_t waited = ev.ts_ms - c.entered_ms;
      q.abandoned++;
      if (waited <= threshold_ms(c.queue)) q.abandoned_within++;
      if (waited <= int64_t{kShortAbandonS} * 1000) q.short_abandoned++;
    }
    calls_.erase(it);
  }
}

void Board::on_agent_state(const core::LogEvent& ev, const json& d, Day& today) {
  if (ev.agent.empty()) return;
  const std::string to = text_of(d, "to");
  Handling& h = handling_[{ev.tenant, ev.agent}];
  if (to == "busy") {
    if (h.since_ms < 0) h.since_ms = ev.ts_ms;
    return;
  }
  if (to == "wrap_up") return;
  if (h.since_ms >= 0) {
    AgentCounts& a = today.agents[ev.agent];
    a.handled++;
    a.handle_ms += ev.ts_ms - std::max(h.since_ms, today.start_ms);
    h.since_ms = -1;
  }
}

void Board::end_of_replay() {
  calls_.clear();
  arrival_.clear();
  handling_.clear();
  last_contact_.clear();
}

QueueCounts Board::queue_counts(const std::string& tenant, const std::string& queue) const {
  auto d = days_.find(tenant);
  if (d == days_.end()) return {};
  auto q = d->second.queues.find(queue);
  return q == d->second.queues.end() ? QueueCounts{} : q->second;
}

AgentCounts Board::agent_counts(const std::string& tenant, const std::string& login) const {
  auto d = days_.find(tenant);
  if (d == days_.end()) return {};
  auto a = d->second.agents.find(login);
  return a == d->second.agents.end() ? AgentCounts{} : a->second;
}

json Board::snapshot(const std::string& tenant, int64_t now_ms, const core::Directory& dir,
                     const std::vector<core::AgentView>& agents, const std::vector<core::QueueView>& queues) {
  const Day& today = day(tenant, now_ms, dir);
  const model::Tenant* t = dir.tenant(tenant);
  json out{{"tenant", tenant},
           {"ts_ms", now_ms},
           {"day_start_ms", today.start_ms},
           {"time_zone", t ? t->timezone : "UTC"}};
  json qs = json::array();
  for (const auto& q : queues) {
    if (q.tenant != tenant) continue;
    const model::Queue* mq = dir.queue(tenant, q.name);
    const model::QueueThresholds th =
        mq ? mq->thresholds : model::queue_thresholds_for(q.sl_threshold_s, q.sl_target_pct);
    QueueCounts c;
    if (auto it = today.queues.find(q.name); it != today.queues.end()) c = it->second;
    json by_state = json::object();
    for (auto s : acd::kAgentStates)
      if (s != acd::AgentState::LoggedOut) by_state[std::string(acd::to_string(s))] = q.agents[static_cast<size_t>(s)];
    const int waiting = q.waiting + q.ringing;
    const int64_t longest_s = q.oldest_wait_ms / 1000;
    const auto sl = service_level(c);
    const auto asa = asa_s(c);
    json levels{{"waiting", to_string(level_high(waiting, th.waiting_amber, th.waiting_red))},
                {"longest_wait", to_string(level_high(static_cast<double>(longest_s), th.longest_wait_amber_s,
                                                      th.longest_wait_red_s))},
                {"service_level", sl ? to_string(level_low(*sl * 100.0, th.service_level_amber, th.service_level_red))
                                     : "ok"},
                {"asa", asa ? to_string(level_high(*asa, th.asa_amber_s, th.asa_red_s)) : "ok"}};
    qs.push_back(json{{"queue", q.name},
                      {"name", q.display_name.empty() ? q.name : q.display_name},
                      {"waiting", waiting},
                      {"ringing", q.ringing},
                      {"callbacks", q.callbacks},
                      {"longest_wait_s", longest_s},
                      {"agents", std::move(by_state)},
                      {"offered", c.offered},
                      {"answered", c.answered},
                      {"abandoned", c.abandoned},
                      {"answered_within", c.answered_within},
                      {"abandoned_within", c.abandoned_within},
                      {"short_abandoned", c.short_abandoned},
                      {"service_level", rounded(sl, 1e4)},
                      {"service_level_formula", kSlFormula},
                      {"service_level_variant", kSlVariant},
                      {"sl_threshold_s", q.sl_threshold_s},
                      {"sl_target", q.sl_target_pct / 100.0},
                      {"asa_s", rounded(asa, 10)},
                      {"estimated_wait_s", q.ewt_ms < 0 ? json(nullptr) : json(q.ewt_ms / 1000)},
                      {"levels", std::move(levels)},
                      {"thresholds",
                       {{"waiting", {th.waiting_amber, th.waiting_red}},
                        {"longest_wait_s", {th.longest_wait_amber_s, th.longest_wait_red_s}},
                        {"service_level", {th.service_level_amber / 100.0, th.service_level_red / 100.0}},
                        {"asa_s", {th.asa_amber_s, th.asa_red_s}}}}});
  }
  out["queues"] = std::move(qs);
  json as = json::array();
  for (const auto& a : agents) {
    if (a.tenant != tenant) continue;
    AgentCounts c;
    if (auto it = today.agents.find(a.login); it != today.agents.end()) c = it->second;
    json contact = nullptr;
    if (!a.call_id.empty()) {
      auto lc = last_contact_.find({a.tenant, a.login});
      if (lc != last_contact_.end() && lc->second.call_id == a.call_id) {
        contact = json{{"caller", lc->second.caller}, {"queue", lc->second.queue}};
      } else if (auto ct = calls_.find(a.call_id); ct != calls_.end()) {
        contact = json{{"caller", ct->second.caller}, {"queue", ct->second.queue}};
      } else {
        contact = json{{"caller", ""}, {"queue", ""}};
      }
    }
    as.push_back(json{{"tenant", a.tenant},
                      {"login", a.login},
                      {"name", a.name},
                      {"state", acd::to_string(a.state)},
                      {"reason", a.reason},
                      {"pending", a.pending},
                      {"since_ms", a.state_since_ms},
                      {"call_id", a.call_id},
                      {"contact", std::move(contact)},
                      {"handled", c.handled},
                      {"aht_s", c.handled ? json(std::round(c.handle_ms / 100.0 / c.handled) / 10.0) : json(nullptr)}});
  }
  out["agents"] = std::move(as);
  return out;
}

}  // namespace plateau::supervision
