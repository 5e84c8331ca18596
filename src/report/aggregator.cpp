#include "report/aggregator.h"

#include <algorithm>

#include "report/zone.h"

namespace plateau::report {

namespace {

int64_t base_start(int64_t ms) { return ms / kBaseMs * kBaseMs - (ms % kBaseMs < 0 ? kBaseMs : 0); }

}  // namespace

Aggregator::Aggregator(Options o) : o_(std::move(o)) {}

int64_t Aggregator::bucket(int64_t ms) const { return o_.zone ? o_.zone->start_of(ms, o_.interval) : base_start(ms); }

int64_t Aggregator::bucket_end(int64_t start) const {
  return o_.zone ? o_.zone->next(start, o_.interval) : start + kBaseMs;
}

// A contact's fact goes to the interval and queue of its entry; agent rows
// take the agent named (the one who answered, missed or transferred).
template <class F>
void Aggregator::contact_fact(int64_t entry_ms, const std::string& queue, const std::string& agent, F f,
                              bool agent_only) {
  if (!o_.queue.empty() && queue != o_.queue) return;
  if (!o_.agent.empty() && agent != o_.agent) return;
  const int64_t b = bucket(entry_ms);
  if (!agent_only) f(total_);
  switch (o_.by) {
    case By::tenant:
      if (!agent_only) f(table_[Key{b, "", ""}]);
      break;
    case By::queue:
      if (!agent_only) f(table_[Key{b, queue, ""}]);
      break;
    case By::agent:
      if (!agent.empty()) f(table_[Key{b, "", agent}]);
      break;
  }
}

void Aggregator::stretch(const std::string& agent, const std::string& state, const std::string& reason, int64_t from,
                         int64_t to) {
  const int s = state_index(state);
  if (s < 0) return;
  from = std::max(from, o_.from_ms);
  to = std::min(to, o_.to_ms);
  if (to <= from) return;
  if (!o_.agent.empty() && agent != o_.agent) return;
  static const std::vector<std::string> kNone;
  auto m = o_.agent_queues.find(agent);
  const std::vector<std::string>& queues = m == o_.agent_queues.end() ? kNone : m->second;
  if (!o_.queue.empty() && std::find(queues.begin(), queues.end(), o_.queue) == queues.end()) return;
  auto add = [&](Counters& c, int64_t ms) {
    c.state_ms[static_cast<size_t>(s)] += ms;
    if (s == static_cast<int>(State::not_ready)) c.not_ready_ms[reason.empty() ? "none" : reason] += ms;
  };
  add(total_, to - from);
  for (int64_t t = from; t < to;) {
    const int64_t b = bucket(t);
    const int64_t end = std::min(to, bucket_end(b));
    const int64_t ms = end - t;
    switch (o_.by) {
      case By::tenant: add(table_[Key{b, "", ""}], ms); break;
      case By::queue:
        for (const auto& q : queues)
          if (o_.queue.empty() || q == o_.queue) add(table_[Key{b, q, ""}], ms);
        break;
      case By::agent: add(table_[Key{b, "", agent}], ms); break;
    }
    t = end;
  }
}

void Aggregator::seed_agent(const std::string& agent, const std::string& state, const std::string& reason,
                            int64_t since_ms) {
  Agent& a = agents_[agent];
  if (a.known) return;
  a.known = true;
  a.since = since_ms;
  a.state = state;
  a.reason = reason;
}

void Aggregator::on_agent(const Event& e) {
  Agent& a = agents_[e.agent];
  // A pending state noted (same state and reason, no time closed) changes nothing.
  if (e.from == e.to && e.reason == e.from_reason && e.in_previous_ms == 0 && a.known) return;
  std::string state = a.known ? a.state : e.from;
  std::string reason = a.known ? a.reason : e.from_reason;
  const int64_t since = a.known ? a.since : e.ts_ms - e.in_previous_ms;
  stretch(e.agent, state, reason, since, e.ts_ms);
  if (state == "wrap_up" && a.has_last) {
    const int64_t ms = e.ts_ms - since;
    contact_fact(a.last_entry, a.last_queue, e.agent, [ms](Counters& c) { c.wrap_ms += ms; });
    a.has_last = false;  // one wrap-up per contact
  }
  a.known = true;
  a.since = e.ts_ms;
  a.state = e.to;
  a.reason = e.reason;
}

void Aggregator::forget_old(int64_t now) {
  while (!by_entry_.empty() && by_entry_.front().first < now - o_.max_open_ms) {
    auto it = open_.find(by_entry_.front().second);
    if (it != open_.end() && it->second.entry_ms == by_entry_.front().first) open_.erase(it);
    by_entry_.pop_front();
  }
}

void Aggregator::add(const Event& e) {
  if (e.kind == Kind::AgentState) {
    on_agent(e);
    return;
  }
  if (e.kind == Kind::Queued) {
    forget_old(e.ts_ms);
    if (open_.count(e.call_id) || e.ts_ms < o_.from_ms || e.ts_ms >= o_.to_ms) return;
    Contact& c = open_[e.call_id];
    c.queue = e.queue;
    c.entry_ms = e.ts_ms;
    by_entry_.emplace_back(e.ts_ms, e.call_id);
    contact_fact(c.entry_ms, c.queue, "", [](Counters& k) { k.offered++; });
    return;
  }
  auto it = open_.find(e.call_id);
  if (it == open_.end()) return;  // a call that entered no queue in the range
  Contact& c = it->second;
  switch (e.kind) {
    case Kind::Offered:
      contact_fact(c.entry_ms, c.queue, e.agent, [](Counters& k) { k.offered++; }, true);
      break;
    case Kind::Answered: {
      if (c.answer_ms >= 0) break;  // a transfer's target: the contact keeps its first answer
      c.answer_ms = e.ts_ms;
      c.agent = e.agent;
      const int64_t wait = e.ts_ms - c.entry_ms;
      const bool within = wait <= o_.sl_ms;
      contact_fact(c.entry_ms, c.queue, c.agent, [&](Counters& k) {
        k.answered++;
        k.answered_within += within;
        k.answered_wait_ms += wait;
      });
      Agent& a = agents_[e.agent];
      a.has_last = true;
      a.last_entry = c.entry_ms;
      a.last_queue = c.queue;
      break;
    }
    case Kind::Held:
      if (c.answer_ms >= 0 && c.hold_since < 0) c.hold_since = e.ts_ms;
      break;
    case Kind::Retrieved:
      if (c.hold_since >= 0) {
        c.hold_ms += e.ts_ms - c.hold_since;
        c.hold_since = -1;
      }
      break;
    case Kind::Transferred:
      contact_fact(c.entry_ms, c.queue, e.agent, [](Counters& k) { k.transfers++; });
      break;
    case Kind::RingNoAnswer:
      contact_fact(c.entry_ms, c.queue, e.agent, [](Counters& k) { k.ring_no_answer++; });
      break;
    case Kind::Overflow:
      if (e.queue.empty() && c.answer_ms < 0) c.left = true;
      break;
    case Kind::Ended: {
      if (c.hold_since >= 0) c.hold_ms += e.ts_ms - c.hold_since;
      if (c.answer_ms >= 0) {
        const int64_t talk = std::max<int64_t>(0, e.ts_ms - c.answer_ms - c.hold_ms);
        const int64_t hold = c.hold_ms;
        contact_fact(c.entry_ms, c.queue, c.agent, [&](Counters& k) {
          k.handled++;
          k.talk_ms += talk;
          k.hold_ms += hold;
        });
      } else if (e.outcome == "abandoned" && !c.left) {
        const int64_t wait = e.ts_ms - c.entry_ms;
        const bool within = wait <= o_.sl_ms, short_ = wait <= o_.short_ms;
        contact_fact(c.entry_ms, c.queue, "", [&](Counters& k) {
          k.abandoned++;
          k.abandoned_within += within;
          k.short_abandoned += short_;
        });
      }
      open_.erase(it);
      break;
    }
    default: break;
  }
}

void Aggregator::finish(int64_t end_ms) {
  for (auto& [login, a] : agents_)
    if (a.known) stretch(login, a.state, a.reason, a.since, end_ms);
  agents_.clear();
  open_.clear();
  by_entry_.clear();
}

}  // namespace plateau::report
