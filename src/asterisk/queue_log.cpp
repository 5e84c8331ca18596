#include "asterisk/queue_log.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace plateau::asterisk {

namespace {

using nlohmann::json;

std::string clean(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '|') c = '_';
    else if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string key(const std::string& tenant, const std::string& id) { return tenant + '\n' + id; }

json parse(const std::string& text) {
  json j = json::parse(text.empty() ? "{}" : text, nullptr, false);
  return j.is_object() ? j : json::object();
}

std::string str(const json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A whole number the event carries, or `fallback`.
int64_t num(const json& j, const char* k, int64_t fallback) {
  auto it = j.find(k);
  if (it != j.end() && it->is_number()) return it->get<int64_t>();
  return fallback;
}

int64_t seconds(int64_t ms) { return ms > 0 ? ms / 1000 : 0; }

QueueLogLine line(const EventRow& ev, std::string callid, std::string queue, std::string agent, std::string event,
                  std::vector<std::string> data) {
  for (auto& d : data) d = clean(d);
  return QueueLogLine{ev.ts_ms / 1000, clean(callid.empty() ? "NONE" : callid), clean(queue.empty() ? "NONE" : queue),
                      agent.empty() ? "NONE" : clean(agent), std::move(event), std::move(data)};
}

}  // namespace

std::string to_text(const QueueLogLine& l) {
  std::string s = std::to_string(l.epoch) + '|' + l.callid + '|' + l.queue + '|' + l.agent + '|' + l.event;
  for (const auto& d : l.data) s += '|' + d;
  s += '\n';
  return s;
}

QueueLogFormatter::QueueLogFormatter(QueueLogOptions options) : options_(std::move(options)) {}

std::string QueueLogFormatter::member(std::string_view login) { return "Agent/" + std::string(login); }

std::vector<std::string> QueueLogFormatter::queues_of(const std::string& tenant, const std::string& login) const {
  std::vector<std::string> q;
  if (options_.queues_of) q = options_.queues_of(tenant, login);
  if (q.empty()) q.push_back("NONE");
  return q;
}

int QueueLogFormatter::position(const std::string& tenant, const CallState& c, const std::string& call_id) const {
  auto it = queues_.find(key(tenant, c.queue));
  if (it == queues_.end()) return 1;
  auto pos = std::find(it->second.begin(), it->second.end(), call_id);
  return static_cast<int>(pos - it->second.begin()) + 1;
}

void QueueLogFormatter::stop_waiting(const std::string& tenant, CallState& c, const std::string& call_id) {
  if (!c.waiting) return;
  c.waiting = false;
  auto it = queues_.find(key(tenant, c.queue));
  if (it == queues_.end()) return;
  std::erase(it->second, call_id);
  if (it->second.empty()) queues_.erase(it);
}

// A waiting caller leaves its queue without an agent: EVENT|[first…]|position|origposition|waittime.
void QueueLogFormatter::leave_queue(const EventRow& ev, CallState& c, const std::string& event,
                                    std::vector<std::string> first, std::vector<QueueLogLine>& out) {
  const json d = parse(ev.data_json);
  const int pos = static_cast<int>(
      num(d, "position", c.left_position > 0 ? c.left_position : position(ev.tenant, c, ev.call_id)));
  const int64_t wait = seconds(num(d, "wait_ms", ev.ts_ms - c.queued_ms));
  first.push_back(std::to_string(pos));
  first.push_back(std::to_string(c.orig_position));
  first.push_back(std::to_string(wait));
  out.push_back(line(ev, ev.call_id, c.queue, "", event, std::move(first)));
  stop_waiting(ev.tenant, c, ev.call_id);
}

std::vector<QueueLogLine> QueueLogFormatter::on_event(const EventRow& ev) {
  std::vector<QueueLogLine> out;
  if (ev.kind == "agent.state") {
    on_agent_state(ev, out);
    return out;
  }
  if (ev.kind == "contact.left" && !ev.call_id.empty()) {
    // The ACD's place in line when the caller left (0 while ringing: first in line).
    if (auto it = calls_.find(key(ev.tenant, ev.call_id)); it != calls_.end() && it->second.waiting)
      it->second.left_position = static_cast<int>(std::max<int64_t>(1, num(parse(ev.data_json), "position", 1)));
    return out;
  }
  if (ev.kind.rfind("call.", 0) != 0 || ev.call_id.empty()) return out;
  const std::string k = key(ev.tenant, ev.call_id);
  const json d = parse(ev.data_json);

  if (ev.kind == "call.arrived") {
    calls_[k].caller = str(d, "caller");
    return out;
  }
  auto it = calls_.find(k);
  if (ev.kind == "call.queued") {
    CallState& c = calls_[k];
    stop_waiting(ev.tenant, c, ev.call_id);  // moved from another queue
    c.queue = str(d, "queue");
    if (c.caller.empty()) c.caller = str(d, "caller");
    c.queued_ms = ev.ts_ms;
    c.waiting = true;
    c.left_position = 0;
    auto& waiting = queues_[key(ev.tenant, c.queue)];
    waiting.push_back(ev.call_id);
    const int pos = static_cast<int>(num(d, "position", static_cast<int64_t>(waiting.size())));
    c.orig_position = static_cast<int>(num(d, "orig_position", pos));
    out.push_back(line(ev, ev.call_id, c.queue, "", "ENTERQUEUE", {"", c.caller, std::to_string(pos)}));
    return out;
  }
  if (it == calls_.end()) {
    if (ev.kind != "call.offered" && ev.kind != "call.answered") return out;
    it = calls_.emplace(k, CallState{}).first;  // a call that entered before the log we read
    it->second.queue = str(d, "queue");
  }
  CallState& c = it->second;

  if (ev.kind == "call.offered") {
    if (!ev.agent.empty()) c.ringing[ev.agent] = ev.ts_ms;
    if (c.queue.empty()) c.queue = str(d, "queue");
  } else if (ev.kind == "call.ring_no_answer" || ev.kind == "call.offer_failed") {
    auto r = c.ringing.find(ev.agent);
    const int64_t since = r != c.ringing.end() ? r->second : ev.ts_ms;
    if (r != c.ringing.end()) c.ringing.erase(r);
    out.push_back(line(ev, ev.call_id, c.queue, member(ev.agent), "RINGNOANSWER",
                       {std::to_string(std::max<int64_t>(0, num(d, "ring_ms", ev.ts_ms - since)))}));
  } else if (ev.kind == "call.offer_withdrawn") {
    c.ringing.erase(ev.agent);
  } else if (ev.kind == "call.answered") {
    auto r = c.ringing.find(ev.agent);
    const int64_t ring = r != c.ringing.end() ? ev.ts_ms - r->second : 0;
    c.ringing.clear();
    c.hold_s = seconds(num(d, "wait_ms", c.queued_ms >= 0 ? ev.ts_ms - c.queued_ms : 0));
    stop_waiting(ev.tenant, c, ev.call_id);
    c.connected = ev.agent;
    c.connected_ms = ev.ts_ms;
    ++c.connects;
    out.push_back(line(ev, ev.call_id, c.queue, member(ev.agent), "CONNECT",
                       {std::to_string(c.hold_s), ev.call_id + "." + std::to_string(c.connects),
                        std::to_string(seconds(num(d, "ring_ms", ring)))}));
  } else if (ev.kind == "call.transferred") {
    std::string target = str(d, "target");
    if (target.empty()) target = str(d, "to_agent");
    const std::string agent = !ev.agent.empty() ? ev.agent : c.connected;
    out.push_back(line(ev, ev.call_id, c.queue, agent.empty() ? "" : member(agent), "TRANSFER",
                       {target, str(d, "to_type"), std::to_string(c.hold_s),
                        std::to_string(c.connected.empty() ? 0 : seconds(ev.ts_ms - c.connected_ms)),
                        std::to_string(c.orig_position)}));
    c.connected.clear();
  } else if (ev.kind == "call.overflow") {
    if (c.waiting) leave_queue(ev, c, str(d, "why") == "timeout" ? "EXITWITHTIMEOUT" : "EXITEMPTY", {}, out);
  } else if (ev.kind == "call.ended") {
    if (!c.connected.empty()) {
      const bool agent_hung_up = str(d, "reason") == "agent_hangup";
      out.push_back(line(ev, ev.call_id, c.queue, member(c.connected), agent_hung_up ? "COMPLETEAGENT" : "COMPLETECALLER",
                         {std::to_string(c.hold_s), std::to_string(seconds(ev.ts_ms - c.connected_ms)),
                          std::to_string(c.orig_position)}));
    } else if (c.waiting) {
      const std::string outcome = str(d, "outcome"), reason = str(d, "reason");
      if (outcome == "abandoned") leave_queue(ev, c, "ABANDON", {}, out);
      else if (outcome == "callback_requested") leave_queue(ev, c, "EXITWITHKEY", {"1"}, out);
      else if (reason == "max_wait") leave_queue(ev, c, "EXITWITHTIMEOUT", {}, out);
      else leave_queue(ev, c, "EXITEMPTY", {}, out);
    }
    stop_waiting(ev.tenant, c, ev.call_id);
    calls_.erase(it);
  }
  return out;
}

void QueueLogFormatter::on_agent_state(const EventRow& ev, std::vector<QueueLogLine>& out) {
  if (ev.agent.empty()) return;
  const json d = parse(ev.data_json);
  const std::string from = str(d, "from"), to = str(d, "to"), reason = str(d, "reason");
  // A row that only notes a pending state (same state, same reason) changes nothing in Asterisk's terms.
  if (from == to && (from != "not_ready" || reason == str(d, "from_reason"))) return;
  const std::string who = member(ev.agent);
  AgentState& a = agents_[key(ev.tenant, ev.agent)];
  const std::string channel = str(d, "phone").empty() ? who : "PJSIP/" + str(d, "phone");
  if (from == "logged_out" && to != "logged_out") {
    a.login_ms = ev.ts_ms;
    a.paused = false;
    out.push_back(line(ev, "", "", who, "AGENTLOGIN", {channel}));
    for (const auto& q : queues_of(ev.tenant, ev.agent)) out.push_back(line(ev, "", q, who, "ADDMEMBER", {""}));
  } else if (to == "logged_out") {
    for (const auto& q : queues_of(ev.tenant, ev.agent)) out.push_back(line(ev, "", q, who, "REMOVEMEMBER", {""}));
    out.push_back(line(ev, "", "", who, "AGENTLOGOFF",
                       {channel, std::to_string(a.login_ms >= 0 ? seconds(ev.ts_ms - a.login_ms) : 0)}));
    agents_.erase(key(ev.tenant, ev.agent));
    return;
  }
  if (to == "not_ready") {
    a.paused = true;
    for (const auto& q : queues_of(ev.tenant, ev.agent)) out.push_back(line(ev, "", q, who, "PAUSE", {reason}));
  } else if (a.paused || from == "not_ready") {
    a.paused = false;
    for (const auto& q : queues_of(ev.tenant, ev.agent)) out.push_back(line(ev, "", q, who, "UNPAUSE", {reason}));
  }
}

std::string format_queue_log(const std::vector<EventRow>& events, int64_t from_ms, QueueLogOptions options) {
  QueueLogFormatter f(std::move(options));
  std::string text;
  for (const auto& ev : events) {
    auto lines = f.on_event(ev);
    if (ev.ts_ms < from_ms) continue;
    for (const auto& l : lines) text += to_text(l);
  }
  return text;
}

}  // namespace plateau::asterisk
