// router_ivr.cpp — a number's IVR flow: the session's actions turned into
// prompts, digits, look-ups, webhooks and voicemails, and its end handed to
// the ACD (enqueue, callback), to a trunk (transfer) or to the hang-up.
#include <nlohmann/json.hpp>

#include "acd/requirement.h"
#include "calendar/schedule.h"
#include "core/paths.h"
#include "core/router.h"

namespace plateau::core {

using model::CallOutcome;

namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

std::optional<ivr::HoursState> Router::hours_of(const std::string& tenant, const std::string& schedule) const {
  const model::Schedule* s = dir_->schedule(tenant, schedule);
  if (!s) return std::nullopt;
  const calendar::ScheduleState st = calendar::state_at(*s, clock_.now_ms());
  if (st.open) return ivr::HoursState::Open;
  return st.rule == calendar::DayRule::Holiday ? ivr::HoursState::Holiday : ivr::HoursState::Closed;
}

ivr::SessionEnv Router::ivr_env(const std::string& tenant) const {
  ivr::SessionEnv env;
  env.clock = &clock_;
  env.hours = [this, tenant](const std::string& schedule) { return hours_of(tenant, schedule); };
  return env;
}

void Router::start_ivr(Call& c, std::vector<Output>& out) {
  c.phase = CallPhase::Ivr;
  out.emplace_back(model::AnswerLeg{c.caller_leg});  // an IVR answers: digits, then an orderly BYE
  log(out, c.tenant, "call.ivr_started", &c, "",
      nlohmann::json{{"flow", c.ivr->flow().name}, {"version", c.ivr->flow().version}}.dump());
  run_ivr(c, c.ivr->start(), out);
}

void Router::run_ivr(Call& c, ivr::Actions actions, std::vector<Output>& out) {
  for (const ivr::Action& a : actions) {
    if (c.phase != CallPhase::Ivr) break;
    c.language = c.ivr->language();
    std::visit(Overloaded{
                   [&](const ivr::Play& p) {
                     model::PlaySequence seq{c.caller_leg, {}, c.language, {}};
                     for (const auto& item : p.items) {
                       seq.prompts.push_back(item.prompt);
                       seq.languages.push_back(item.language == c.language ? std::string() : item.language);
                     }
                     out.emplace_back(std::move(seq));
                   },
                   [&](const ivr::StopPlay&) { out.emplace_back(model::StopPrompt{c.caller_leg}); },
                   [&](const ivr::Lookup& l) { out.emplace_back(CustomerLookup{c.id, c.tenant, l.by, l.key}); },
                   [&](const ivr::Webhook& w) {
                     nlohmann::json body{{"call_id", c.pid},     {"tenant", c.tenant},
                                         {"caller", c.caller},   {"number", c.number},
                                         {"flow", c.ivr->flow().name}, {"language", c.language}};
                     body["attributes"] = nlohmann::json::object();
                     for (const auto& [k, v] : w.attributes) body["attributes"][k] = v;
                     out.emplace_back(WebhookCall{c.id, w, body.dump()});
                   },
                   [&](const ivr::Record& r) {
                     c.voicemail_pending = true;
                     out.emplace_back(model::RecordLeg{c.id, c.caller_leg, dated_path("voicemail", c.pid, c.start_ms),
                                                       r.max_ms});
                   },
                   [&](const ivr::StopRecord&) { out.emplace_back(model::StopRecording{c.caller_leg}); },
                   [&](const auto& final_action) { ivr_final(c, ivr::Action(final_action), out); },
               },
               a);
  }
}

void Router::ivr_final(Call& c, const ivr::Action& a, std::vector<Output>& out) {
  const ivr::Path& path = c.ivr->path();
  log(out, c.tenant, "call.ivr_ended", &c, "",
      nlohmann::json{{"flow", path.flow}, {"version", path.version}, {"end", ivr::to_string(path.end)},
                     {"step", path.end_step}, {"detail", path.detail}}
          .dump());
  std::visit(
      Overloaded{
          [&](const ivr::Enqueue& e) {
            if (!dir_->queue(c.tenant, e.queue)) {
              leave(c, "technical_problem", CallOutcome::Failed, "ivr_unknown_queue " + e.queue, out);
              return;
            }
            c.queue = e.queue;
            if (e.priority >= 0) c.priority = e.priority;
            if (!e.requirement.empty()) {
              if (acd::check_requirement(e.requirement)) c.requirement = acd::conjunction(c.requirement, e.requirement);
              else log(out, c.tenant, "call.ivr_requirement_ignored", &c, "", nlohmann::json{{"requires", e.requirement}}.dump());
            }
            c.attached = e.attached;
            enqueue(c, out);
          },
          [&](const ivr::Transfer& t) { dial_external(c, t.number, t.trunk, out); },
          [&](const ivr::Callback& cb) {
            if (!dir_->queue(c.tenant, cb.queue)) {
              leave(c, "technical_problem", CallOutcome::Failed, "ivr_unknown_queue " + cb.queue, out);
              return;
            }
            c.queue = cb.queue;
            c.callback_number = cb.number;
            c.queued_mono = clock_.monotonic_ms();
            ask_callback(c, out);
          },
          [&](const ivr::Hangup& h) {
            const CallOutcome outcome = h.reason == "voicemail" ? CallOutcome::Voicemail
                                        : h.served              ? CallOutcome::IvrServed
                                                                : CallOutcome::Failed;
            out.emplace_back(model::HangupLeg{c.caller_leg, 0, "ivr_" + h.reason});
            legs_.erase(c.caller_leg);
            c.caller_leg = {};
            end_call(c, outcome, "ivr_" + h.reason, out);
          },
          [&](const auto&) {},
      },
      a);
}

void Router::ivr_time(Call& c, std::vector<Output>& out) { run_ivr(c, c.ivr->on_time(), out); }

std::vector<Output> Router::on_lookup_result(CallId call, const ivr::LookupResult& r) {
  std::vector<Output> out;
  auto it = calls_.find(call);
  if (it == calls_.end() || it->second.phase != CallPhase::Ivr) return out;
  run_ivr(it->second, it->second.ivr->on_lookup(r), out);
  return out;
}

std::vector<Output> Router::on_webhook_result(CallId call, const ivr::WebhookResult& r) {
  std::vector<Output> out;
  auto it = calls_.find(call);
  if (it == calls_.end() || it->second.phase != CallPhase::Ivr) return out;
  run_ivr(it->second, it->second.ivr->on_webhook(r), out);
  return out;
}

void Router::on_leg_recorded(const model::LegRecorded& ev, std::vector<Output>& out) {
  auto it = calls_.find(ev.call);
  if (it == calls_.end() || !it->second.ivr) return;
  Call& c = it->second;
  if (!ev.ok) {
    c.voicemail_pending = false;
    log(out, c.tenant, "call.voicemail_failed", &c, "", "{}");
    if (c.phase == CallPhase::Ivr) run_ivr(c, c.ivr->on_recorded(false, 0), out);
    else maybe_emit_record(c, out);
    return;
  }
  model::Voicemail vm;
  vm.id = c.pid;
  vm.tenant = c.tenant;
  vm.caller = c.caller;
  const auto& attrs = c.ivr->attributes();
  if (auto a = attrs.find("customer.id"); a != attrs.end()) vm.customer_id = a->second;
  vm.language = c.ivr->language();
  vm.flow = c.ivr->flow().name;
  vm.flow_version = c.ivr->flow().version;
  vm.path = ev.path;
  vm.duration_ms = ev.duration_ms;
  c.voicemail_ms = ev.duration_ms;
  vm.created_ms = clock_.now_ms();
  c.record.recording = ev.path;
  out.emplace_back(VoicemailEntry{c.id, std::move(vm)});  // the caller is thanked once it is committed
}

std::vector<Output> Router::on_voicemail_committed(CallId call, bool ok) {
  std::vector<Output> out;
  auto it = calls_.find(call);
  if (it == calls_.end()) return out;
  Call& c = it->second;
  c.voicemail_pending = false;
  if (c.phase == CallPhase::Ivr) {
    run_ivr(c, c.ivr->on_recorded(ok, ok ? c.voicemail_ms : 0), out);
  } else {
    maybe_emit_record(c, out);
  }
  return out;
}

}  // namespace plateau::core
