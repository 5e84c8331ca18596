// router_record.cpp — the end of a call: its record, emitted once the
// recording is closed, and forgetting the call once the record is committed.
#include <nlohmann/json.hpp>

#include "core/router.h"

namespace plateau::core {

void Router::end_call(Call& c, model::CallOutcome outcome, const std::string& reason, std::vector<Output>& out) {
  if (c.phase == CallPhase::Ended) return;
  drop_consult(c, "call_ended", out);
  end_monitors(c, "call_ended", out);
  end_hold(c);
  // A call an agent answered stays answered whatever happened after a transfer.
  if (c.transferred && c.answer_ms && (outcome == model::CallOutcome::Abandoned || outcome == model::CallOutcome::NoAgent))
    outcome = model::CallOutcome::Answered;
  for (const auto& r : c.ringing) {
    out.emplace_back(model::HangupLeg{r.leg, 0, "call_ended"});
    legs_.erase(r.leg);
  }
  c.ringing.clear();
  c.phase = CallPhase::Ended;
  c.deadline_mono = -1;
  const int64_t now_ms = clock_.now_ms();
  const int64_t now_mono = clock_.monotonic_ms();
  auto& r = c.record;
  r.id = c.pid;
  r.sip_call_id = c.sip_call_id;
  r.tenant = c.tenant;
  r.caller = c.caller;
  r.number = c.number;
  r.queue = c.ivr && c.queued_mono < 0 ? std::string() : c.queue;  // a call the IVR kept reached no queue
  r.start_ms = c.start_ms;
  r.answer_ms = c.answer_ms;
  r.end_ms = now_ms;
  r.ring_ms = c.ring_total_ms;
  if (c.queued_mono >= 0) {
    const int64_t until = c.answer_mono >= 0 ? c.answer_mono : c.left_queue_mono >= 0 ? c.left_queue_mono : now_mono;
    r.wait_ms = until - c.queued_mono;
  }
  r.talk_ms = c.answer_ms ? now_ms - c.answer_ms : 0;
  r.outcome = outcome;
  r.reason = c.is_callback && outcome != model::CallOutcome::NoAnswer ? reason + " (callback of " + c.origin_pid + ")"
                                                                      : reason;
  r.agent = c.has_agent ? login_of(c.agent) : "";
  if (!c.recording.empty() || r.recording.empty()) r.recording = c.recording;  // (a voicemail keeps its file)
  if (c.ivr) {
    c.ivr->on_hangup();  // the path ends where the call is, if it had not ended
    const ivr::Path& path = c.ivr->path();
    r.flow = path.flow;
    r.flow_version = path.version;
    r.ivr_end = std::string(ivr::to_string(path.end));
    r.ivr_path = path.to_json();
    r.recording_notice = c.ivr->notice_played();
    const ivr::Attributes& attrs = c.attached.empty() ? c.ivr->attributes() : c.attached;
    nlohmann::json a = nlohmann::json::object();
    for (const auto& [k, v] : attrs) a[k] = v;
    r.attached = a.dump();
  }
  r.hold_ms = c.hold_ms;
  r.holds = c.holds;
  if (c.recording_paused) c.recording_paused_ms += now_mono - c.recording_paused_mono;
  r.recording_paused_ms = c.recording_paused_ms;
  r.recording_pauses = c.recording_pauses;
  r.conference = r.conference || c.conference;
  if (!c.transfers.empty()) {
    nlohmann::json t = nlohmann::json::array();
    for (const auto& n : c.transfers)
      t.push_back({{"mode", n.mode}, {"to_type", n.to_type}, {"target", n.target}, {"from_agent", n.from_agent},
                   {"to_agent", n.to_agent}, {"ts_ms", n.ts_ms}});
    r.transfers = t.dump();
  }
  if (c.is_callback && outcome == model::CallOutcome::Answered) {
    if (auto cb = callbacks_.find(c.contact); cb != callbacks_.end()) {
      cb->second.state = "done";
      out.emplace_back(cb->second);
      callbacks_.erase(cb);
    }
  }
  log(out, c.tenant, "call.ended", &c, r.agent,
      nlohmann::json{{"outcome", model::to_string(outcome)},
                     {"reason", r.reason},
                     {"queue", r.queue},
                     {"wait_ms", r.wait_ms},
                     {"ring_ms", r.ring_ms},
                     {"talk_ms", r.talk_ms},
                     {"hold_ms", r.hold_ms},
                     {"holds", r.holds},
                     {"transfers", c.transfers.size()}}
          .dump());
  maybe_emit_record(c, out);
}

// The record is written once the call has ended and its recording is closed.
void Router::maybe_emit_record(Call& c, std::vector<Output>& out) {
  if (c.phase != CallPhase::Ended || c.recording_pending || c.voicemail_pending || c.record_sent) return;
  c.record_sent = true;
  out.emplace_back(c.record);
}

void Router::on_record_committed(const std::string& record_id) {
  auto pit = by_pid_.find(record_id);
  if (pit == by_pid_.end()) return;
  auto it = calls_.find(pit->second);
  by_pid_.erase(pit);
  if (it == calls_.end()) return;
  const Call& c = it->second;
  legs_.erase(c.caller_leg);
  legs_.erase(c.agent_leg);
  legs_.erase(c.external_leg);
  for (acd::ContactId k : c.old_contacts)
    if (auto b = by_contact_.find(k); b != by_contact_.end() && b->second == c.id) by_contact_.erase(b);
  if (auto b = by_contact_.find(c.contact); b != by_contact_.end() && b->second == c.id) by_contact_.erase(b);
  if (c.has_agent) wrapped_[c.agent] = {c.contact, c.pid};
  calls_.erase(it);
}

std::vector<Output> Router::shutdown() {
  std::vector<Output> out;
  for (auto& [id, c] : calls_) {
    if (c.phase == CallPhase::Ended) {
      c.recording_pending = false;  // the telephony thread closes the file as it stops
      c.voicemail_pending = false;
      maybe_emit_record(c, out);
      continue;
    }
    c.recording_pending = false;
    c.voicemail_pending = false;
    c.ringing.clear();
    end_call(c, model::CallOutcome::Failed, "shutdown", out);
  }
  return out;
}

}  // namespace plateau::core
