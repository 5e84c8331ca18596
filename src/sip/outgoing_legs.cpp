// outgoing_legs.cpp — the legs Plateau calls out on: RingPhone (every registered
// contact of an agent's phone, forked) and Dial (a number through a trunk's
// gateway). Both send the same offer (PCMU, PCMA, telephone-event) and report
// LegRinging, LegAnswered and LegEnded the same way.
//
// Telephony thread only: B2bua commands and libre's callbacks.
#include <cstring>

#include <spdlog/spdlog.h>

#include "common/next_id.h"
#include "sip/b2bua.h"
#include "sip/dial_target.h"
#include "sip/session_common.h"

namespace plateau::sip {

namespace {

int fork_offer(struct mbuf** descp, const struct sip_msg* msg, void* arg) {
  auto* f = static_cast<Fork*>(arg);
  return f->leg->owner->on_offer(f->leg, descp, msg);
}
int fork_answer(const struct sip_msg* msg, void* arg) {
  auto* f = static_cast<Fork*>(arg);
  return f->leg->owner->on_fork_answer(f, msg);
}
void fork_progress(const struct sip_msg* msg, void* arg) {
  auto* f = static_cast<Fork*>(arg);
  f->leg->owner->on_fork_progress(f, msg);
}
void fork_estab(const struct sip_msg*, void* arg) {
  auto* f = static_cast<Fork*>(arg);
  f->leg->owner->on_fork_established(f);
}
void fork_close(int err, const struct sip_msg* msg, void* arg) {
  auto* f = static_cast<Fork*>(arg);
  f->leg->owner->on_fork_closed(f, err, msg);
}

}  // namespace

void B2bua::setup_failed(const char* what, CallId call, LegId leg, int code, const std::string& reason) {
  spdlog::warn("call {}: {} leg {} not placed: {} ({})", call_label(call), what, leg.value, reason, code);
  emit(model::LegEnded{leg, code, reason});
}

int B2bua::invite(Leg* leg, const std::string& uri, const char* from_name, const std::string& from_uri,
                  struct mbuf* offer, const std::string& headers) {
  auto f = std::make_unique<Fork>();
  f->leg = leg;
  int err = sipsess_connect(&f->sess, sock_, uri.c_str(), from_name, from_uri.c_str(), "plateau", nullptr, 0,
                            "application/sdp", offer, nullptr, nullptr, false, fork_offer, fork_answer,
                            fork_progress, fork_estab, nullptr, nullptr, fork_close, f.get(), "%s%s", kAllow,
                            headers.c_str());
  if (err) {
    spdlog::warn("call {}: INVITE to {} failed: {}", call_label(leg->call), uri, std::strerror(err));
    return err;
  }
  if (leg->sip_call_id.empty()) leg->sip_call_id = sip_dialog_callid(sipsess_dialog(f->sess));
  leg->forks.push_back(std::move(f));
  return 0;
}

std::unique_ptr<Leg> B2bua::outgoing_leg(CallId call, LegId id, LegKind kind, struct mbuf** offer) {
  auto made = new_leg(id, call, kind);
  if (!made) {
    setup_failed(to_string(kind), call, id, 503, made.error().message);
    return nullptr;
  }
  if (sdp_encode(offer, made.value()->sdp, true)) {
    setup_failed(to_string(kind), call, id, 500, "cannot encode SDP");
    return nullptr;
  }
  return std::move(made.value());
}

void B2bua::ring(const model::RingPhone& cmd) {
  std::vector<Binding> contacts = registrar_->contacts(cmd.username);
  if (contacts.empty()) return setup_failed("agent", cmd.call, cmd.leg, 480, "no registered contact");
  struct mbuf* offer = nullptr;
  std::unique_ptr<Leg> leg = outgoing_leg(cmd.call, cmd.leg, LegKind::kAgent, &offer);
  if (!leg) return;
  const std::string from_uri =
      "sip:" + (cmd.caller.empty() ? std::string("anonymous") : cmd.caller) + "@" + adv_host_;
  // Auto-answer (the agent answered from the desktop): the forms phones know,
  // Call-Info answer-after (Polycom, Yealink, Snom, Grandstream...) and
  // Alert-Info (Cisco SPA, Linksys and older Yealink).
  const std::string headers = cmd.auto_answer ? "Call-Info: <sip:" + adv_host_ +
                                                    ">;answer-after=0\r\n"
                                                    "Alert-Info: <http://127.0.0.1>;info=alert-autoanswer\r\n"
                                              : std::string();
  for (const auto& b : contacts)
    (void)invite(leg.get(), b.contact_uri, cmd.caller_name.c_str(), from_uri, offer, headers);
  mem_deref(offer);
  if (leg->forks.empty()) return setup_failed("agent", cmd.call, cmd.leg, 503, "no contact reachable");
  spdlog::info("call {}: ringing phone {} ({} contact(s)){}, leg {} [{}]", call_label(cmd.call), cmd.username,
               leg->forks.size(), cmd.auto_answer ? " with auto-answer" : "", cmd.leg.value,
               leg->sip_call_id);
  legs_.emplace(cmd.leg, std::move(leg));
}

void B2bua::dial(const model::Dial& cmd) {
  if (legs_.count(cmd.leg)) {
    spdlog::error("call {}: Dial ignored: leg {} exists already", call_label(cmd.call), cmd.leg.value);
    return;
  }
  auto target = dial_target(cmd.number, cmd.gateway, cmd.caller_id, adv_host_);
  if (!target) {
    const int code = target.error().code == "sip.dial_number" ? 484 : 400;
    return setup_failed("dialled", cmd.call, cmd.leg, code, target.error().message);
  }
  struct mbuf* offer = nullptr;
  std::unique_ptr<Leg> leg = outgoing_leg(cmd.call, cmd.leg, LegKind::kDialled, &offer);
  if (!leg) return;
  const int err = invite(leg.get(), target->request_uri, nullptr, target->from_uri, offer);
  mem_deref(offer);
  if (err) {
    return setup_failed("dialled", cmd.call, cmd.leg, 503,
                        "cannot send the INVITE to " + target->request_uri + ": " + std::strerror(err));
  }
  spdlog::info("call {}: dialling {} for tenant {} as {}, leg {} [{}]", call_label(cmd.call),
               target->request_uri, cmd.tenant, target->from_uri, cmd.leg.value, leg->sip_call_id);
  legs_.emplace(cmd.leg, std::move(leg));
}

void B2bua::on_fork_progress(Fork* f, const struct sip_msg* msg) {
  Leg* leg = f->leg;
  if (leg->ringing_reported || msg->scode < 180) return;
  leg->ringing_reported = true;
  emit(model::LegRinging{leg->id});
}

int B2bua::on_fork_answer(Fork* f, const struct sip_msg* msg) {
  Leg* leg = f->leg;
  if (leg->winner && leg->winner != f) return 0;
  int pt = 0, te = -1;
  if (int err = sdp_decode(leg->sdp, msg->mb, false)) return err;
  if (!negotiated(leg->sdpm, &pt, &te)) return EPROTO;
  leg->media->set_remote(sdp_media_raddr(leg->sdpm), pt, te);
  return 0;
}

void B2bua::on_fork_established(Fork* f) {
  Leg* leg = f->leg;
  if (leg->winner) return;
  leg->winner = f;
  leg->answered = true;
  for (auto& other : leg->forks)
    if (other.get() != f) other->sess = static_cast<struct sipsess*>(mem_deref(other->sess));  // CANCEL
  spdlog::info("call {}: {} leg {} answered", call_label(leg->call), to_string(leg->kind), leg->id.value);
  emit(model::LegAnswered{leg->id});
}

namespace {

// Why one fork failed: the final response if there was one, else the error.
void record_failure(Fork* f, int err, const struct sip_msg* msg) {
  f->failed = true;
  if (msg && msg->scode >= 300) {
    f->code = msg->scode;
    f->reason = std::to_string(msg->scode) + " " + pl_str(msg->reason);
    if (f->code == 401 || f->code == 407)
      f->reason +=
          ": the far end asks for authentication, which Plateau does not do (it must trust our address)";
  } else if (msg && err == EPROTO) {  // a 2xx whose SDP has neither PCMU nor PCMA: ACKed, then BYE
    f->code = 488;
    f->reason = "488 the answer has neither PCMU nor PCMA";
  } else if (err == ETIMEDOUT) {
    f->code = 408;
    f->reason = "408 no final response (timeout)";
  } else {
    f->code = 500;
    f->reason = std::string("error: ") + std::strerror(err);
  }
}

}  // namespace

void B2bua::on_fork_closed(Fork* f, int err, const struct sip_msg* msg) {
  Leg* leg = f->leg;
  if (leg->winner == f) {
    const char* reason = leg->kind == LegKind::kAgent ? "agent_hangup" : "callee_hangup";
    spdlog::info("call {}: {} leg {} hung up", call_label(leg->call), to_string(leg->kind), leg->id.value);
    const LegId id = leg->id;
    emit(model::LegEnded{id, 0, reason});
    destroy_leg(id);
    return;
  }
  record_failure(f, err, msg);
  if (leg->winner) return;
  for (auto& other : leg->forks)
    if (!other->failed) return;
  // Every contact refused: report the most telling answer (a person's over a machine's).
  const Fork* best = leg->forks.front().get();
  for (auto& other : leg->forks) {
    if (other->code == 603 || other->code == 486) best = other.get();
  }
  spdlog::info("call {}: {} leg {} failed: {}", call_label(leg->call), to_string(leg->kind), leg->id.value,
               best->reason);
  const LegId id = leg->id;
  emit(model::LegEnded{id, best->code, best->reason});
  destroy_leg(id);
}

}  // namespace plateau::sip
