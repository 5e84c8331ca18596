#include "sip/b2bua.h"

#include <chrono>
#include <cstring>
#include <vector>

#include <spdlog/spdlog.h>

#include "common/next_id.h"
#include "metrics/registry.h"
#include "sip/session_common.h"

namespace plateau::sip {

namespace {

void trace_handler(bool tx, enum sip_transp, const struct sa*, const struct sa*, const uint8_t* pkt, size_t len,
                   void* arg) {
  static_cast<B2bua*>(arg)->on_trace(tx, pkt, len);
}

bool req_handler(const struct sip_msg* msg, void* arg) { return static_cast<B2bua*>(arg)->on_request(msg); }
void conn_handler(const struct sip_msg* msg, void* arg) { static_cast<B2bua*>(arg)->on_invite(msg); }

int leg_offer(struct mbuf** descp, const struct sip_msg* msg, void* arg) {
  auto* leg = static_cast<Leg*>(arg);
  return leg->owner->on_offer(leg, descp, msg);
}
int leg_answer(const struct sip_msg*, void*) { return 0; }
void leg_estab(const struct sip_msg*, void*) {}
void leg_close(int err, const struct sip_msg* msg, void* arg) {
  auto* leg = static_cast<Leg*>(arg);
  leg->owner->on_inbound_closed(leg, err, msg);
}

}  // namespace

const char* to_string(LegKind kind) {
  switch (kind) {
    case LegKind::kInbound: return "caller";
    case LegKind::kAgent: return "agent";
    case LegKind::kDialled: return "dialled";
  }
  return "?";
}

Leg::~Leg() {
  // Handlers must not fire into a dead Leg: libre's destructor swaps them out.
  sess = static_cast<struct sipsess*>(mem_deref(sess));
  for (auto& f : forks) f->sess = static_cast<struct sipsess*>(mem_deref(f->sess));
  media.reset();
  answer = static_cast<struct mbuf*>(mem_deref(answer));
  sdp = static_cast<struct sdp_session*>(mem_deref(sdp));
}

B2bua::B2bua(const TelephonySettings& s, core::DirectoryPtr dir, std::shared_ptr<const media::PromptLibrary> prompts,
             media::RecordingWriter* recorder, Telephony::EventSink sink)
    : s_(s), dir_(std::move(dir)), prompts_(std::move(prompts)), recorder_(recorder), sink_(std::move(sink)) {}

B2bua::~B2bua() {
  for (auto& [id, r] : call_recs_) recorder_->close(r->rec, {});
  call_recs_.clear();
  groups_.clear();
  for (auto& [id, r] : leg_recs_) recorder_->close(r->rec, {});
  leg_recs_.clear();
  legs_.clear();
  if (sock_) sipsess_close_all(sock_);
  mem_deref(sock_);
  mem_deref(lsnr_);
  registrar_.reset();
  if (sip_) sip_close(sip_, true);
  mem_deref(sip_);
}

int64_t B2bua::now_ms() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Status B2bua::start() {
  struct sa laddr;
  if (sa_set_str(&laddr, s_.listen_host.c_str(), s_.listen_port))
    return make_error("sip.listen", "sip.listen: \"" + s_.listen_host + "\" is not an IP address");
  sa_cpy(&rtp_ip_, &laddr);
  sa_set_port(&rtp_ip_, 0);

  // The address we put in Contact and SDP.
  if (!s_.advertise.empty()) {
    if (sa_set_str(&adv_ip_, s_.advertise.c_str(), 0))
      return make_error("sip.advertise", "sip.advertise: \"" + s_.advertise + "\" is not an IP address");
  } else if (sa_is_any(&laddr)) {
    if (net_default_source_addr_get(sa_af(&laddr), &adv_ip_)) sa_set_str(&adv_ip_, "127.0.0.1", 0);
  } else {
    sa_cpy(&adv_ip_, &laddr);
  }
  adv_host_ = sa_ip(&adv_ip_);

  int err = sip_alloc(&sip_, nullptr, 4096, 4096, 4096, "Plateau/" PLATEAU_VERSION, nullptr, this);
  if (err) return make_error("sip.alloc", std::string("SIP stack: ") + std::strerror(err));
  // A wildcard listen address is bound as the advertised address plus loopback:
  // libre puts the bound address in Contact, and 0.0.0.0 there would be useless.
  std::vector<struct sa> binds;
  if (sa_is_any(&laddr)) {
    struct sa a = adv_ip_;
    sa_set_port(&a, s_.listen_port);
    binds.push_back(a);
    struct sa lo;
    sa_set_str(&lo, sa_af(&laddr) == AF_INET6 ? "::1" : "127.0.0.1", s_.listen_port);
    if (!sa_cmp(&lo, &a, SA_ADDR)) binds.push_back(lo);
  } else {
    binds.push_back(laddr);
  }
  for (const auto& b : binds) {
    err = sip_transp_add(sip_, SIP_TRANSP_UDP, &b);
    if (err) return make_error("sip.bind", "sip.listen: UDP " + sa_to_string(&b) + ": " + std::strerror(err));
    if (s_.tcp) {
      err = sip_transp_add(sip_, SIP_TRANSP_TCP, &b);
      if (err) return make_error("sip.bind", "sip.listen: TCP " + sa_to_string(&b) + ": " + std::strerror(err));
    }
  }
  sip_set_trace_handler(sip_, trace_handler);
  err = sip_listen(&lsnr_, sip_, true, req_handler, this);
  if (!err) err = sipsess_listen(&sock_, sip_, 4096, conn_handler, this);
  if (err) return make_error("sip.listen", std::string("SIP listener: ") + std::strerror(err));

  RegistrarSettings rs{s_.realm, s_.register_min_expires_s, s_.register_max_expires_s, s_.auth_fail_limit,
                       s_.auth_fail_window_s, s_.auth_block_s};
  registrar_ = std::make_unique<Registrar>(sip_, rs, [this](const std::string& user, bool reg, int n) {
    emit(model::PhoneRegistration{user, reg, n});
  });
  registrar_->set_directory(dir_);
  std::string bound;
  for (const auto& b : binds) bound += (bound.empty() ? "" : " and ") + sa_to_string(&b);
  spdlog::info("sip: listening on {} (UDP{}), advertising {}", bound, s_.tcp ? ", TCP" : "", adv_host_);
  return {};
}

void B2bua::set_directory(core::DirectoryPtr dir) {
  dir_ = std::move(dir);
  if (registrar_) registrar_->set_directory(dir_);
}

void B2bua::answer_inbound(Leg* leg) {
  if (!leg->inbound() || leg->answered || !leg->sess) return;
  if (leg->answer) leg->answer->pos = 0;
  (void)sipsess_answer(leg->sess, 200, "OK", leg->answer, "%s", kAllow);
  leg->answered = true;
}

std::string B2bua::data_path(const std::string& path) const {
  return path.front() == '/' ? path : s_.data_dir + "/" + path;
}

void B2bua::on_trace(bool tx, const uint8_t* pkt, size_t len) {
  std::string_view text(reinterpret_cast<const char*>(pkt), len);
  sip_counts_.count(tx, text.substr(0, text.find('\r')));
}

bool B2bua::on_request(const struct sip_msg* msg) {
  const int64_t now = now_ms();
  if (!pl_strcmp(&msg->met, "REGISTER")) {
    registrar_->handle(msg, now);
    return true;
  }
  if (registrar_->blocked(&msg->src, now)) return true;  // dropped
  if (!pl_strcmp(&msg->met, "OPTIONS")) {
    (void)sip_replyf(sip_, msg, 200, "OK", "%sAccept: application/sdp\r\nContent-Length: 0\r\n\r\n", kAllow);
    return true;
  }
  return false;  // INVITE and in-dialog requests go on to the session layer
}

void B2bua::reject(const struct sip_msg* msg, CallId call, const std::string& tenant, const std::string& number,
                   int code, const char* reason) {
  (void)sip_treply(nullptr, sip_, msg, static_cast<uint16_t>(code), reason);
  spdlog::info("call {} [{}]: rejected {} {} (number \"{}\" from {})", call_label(call), pl_str(msg->callid), code,
               reason, number, sa_to_string(&msg->src));
  emit(model::CallRejected{call, pl_str(msg->callid), tenant, number, pl_str(msg->from.uri.user), code, reason,
                           now_ms()});
}

Result<std::unique_ptr<Leg>> B2bua::new_leg(LegId id, CallId call, LegKind kind) {
  auto leg = std::make_unique<Leg>();
  leg->id = id;
  leg->call = call;
  leg->kind = kind;
  leg->owner = this;
  leg->created_ms = now_ms();
  leg->media = std::make_unique<MediaLeg>(id, &counters_);
  if (Status st = leg->media->open(&rtp_ip_, s_.rtp_port_min, s_.rtp_port_max); !st) return st.error();
  if (sdp_session_alloc(&leg->sdp, &adv_ip_) ||
      sdp_media_add(&leg->sdpm, leg->sdp, "audio", leg->media->local_port(), "RTP/AVP") ||
      sdp_format_add(nullptr, leg->sdpm, false, "0", "PCMU", 8000, 1, nullptr, nullptr, nullptr, false, nullptr) ||
      sdp_format_add(nullptr, leg->sdpm, false, "8", "PCMA", 8000, 1, nullptr, nullptr, nullptr, false, nullptr) ||
      sdp_format_add(nullptr, leg->sdpm, false, "101", "telephone-event", 8000, 1, nullptr, nullptr, nullptr, false,
                     "0-15"))
    return make_error("sip.sdp", "cannot build SDP");
  leg->media->set_digit_handler([this, call, id, kind](char d) {
    spdlog::info("call {}: digit {} from the {} leg {}", call_label(call), d, to_string(kind), id.value);
    emit(model::Digit{id, d});
  });
  return leg;
}

void B2bua::on_invite(const struct sip_msg* msg) {
  const auto received = std::chrono::steady_clock::now();
  const int64_t now = now_ms();
  const CallId call = next_id<CallId>();
  if (registrar_->blocked(&msg->src, now)) {
    (void)sip_treply(nullptr, sip_, msg, 403, "Forbidden");
    return;
  }
  const std::string number = pl_str(msg->uri.user);
  const model::Number* num = dir_->number(number);
  if (!num) return reject(msg, call, "", number, 404, "Not Found");
  if (!dir_->trunk_allows(num->tenant, sa_ip(&msg->src)) && !registrar_->is_registered_source(&msg->src))
    return reject(msg, call, num->tenant, number, 403, "Forbidden");
  if (!mbuf_get_left(msg->mb)) return reject(msg, call, num->tenant, number, 488, "Not Acceptable Here");

  auto made = new_leg(next_id<LegId>(), call, LegKind::kInbound);
  if (!made) {
    spdlog::error("call {}: {}", call_label(call), made.error().message);
    return reject(msg, call, num->tenant, number, 503, "Service Unavailable");
  }
  std::unique_ptr<Leg> leg = std::move(made.value());
  int pt = 0, te = -1;
  if (sdp_decode(leg->sdp, msg->mb, true) || !negotiated(leg->sdpm, &pt, &te))
    return reject(msg, call, num->tenant, number, 488, "Not Acceptable Here");
  leg->media->set_remote(sdp_media_raddr(leg->sdpm), pt, te);
  struct mbuf* desc = nullptr;
  if (sdp_encode(&desc, leg->sdp, false)) return reject(msg, call, num->tenant, number, 500, "Server Error");
  // Early media at once: the caller hears our prompts and music before any agent answers.
  int err = sipsess_accept(&leg->sess, sock_, msg, 183, "Session Progress", "plateau", "application/sdp", desc,
                           nullptr, nullptr, false, leg_offer, leg_answer, leg_estab, nullptr, nullptr, leg_close,
                           leg.get(), "%s", kAllow);
  leg->answer = desc;  // the 200 repeats it unchanged (same o= version, RFC 3264)
  if (s_.setup_seconds)
    s_.setup_seconds->observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - received).count());
  if (err) {
    spdlog::error("call {}: cannot accept INVITE: {}", call_label(call), std::strerror(err));
    return reject(msg, call, num->tenant, number, 500, "Server Error");
  }
  leg->sip_call_id = pl_str(msg->callid);
  spdlog::info("call {} [{}]: INVITE {} from {} ({}), leg {}", call_label(call), leg->sip_call_id, number,
               pl_str(msg->from.uri.user), sa_to_string(&msg->src), leg->id.value);
  const LegId id = leg->id;
  legs_.emplace(id, std::move(leg));
  emit(model::InboundCall{call, id, pl_str(msg->callid), num->tenant, number, pl_str(msg->from.uri.user), now});
}

int B2bua::on_offer(Leg* leg, struct mbuf** descp, const struct sip_msg* msg) {
  // re-INVITE (hold, resume, session refresh): answer from the same session.
  int pt = leg->media->payload_type(), te = -1;
  if (mbuf_get_left(msg->mb)) {
    if (int err = sdp_decode(leg->sdp, msg->mb, true)) return err;
    if (negotiated(leg->sdpm, &pt, &te)) leg->media->set_remote(sdp_media_raddr(leg->sdpm), pt, te);
  }
  spdlog::info("leg {}: re-INVITE answered", leg->id.value);
  return sdp_encode(descp, leg->sdp, !mbuf_get_left(msg->mb));
}

void B2bua::on_inbound_closed(Leg* leg, int err, const struct sip_msg* /*msg*/) {
  // libre reports both a BYE and a CANCEL as ECONNRESET: the leg's state tells them apart.
  std::string reason = err == ECONNRESET ? (leg->answered ? "caller_hangup" : "caller_cancel")
                       : err == ETIMEDOUT ? "timeout"
                       : err == 0         ? "caller_hangup"
                                          : std::string("error: ") + std::strerror(err);
  spdlog::info("call {} [{}]: caller leg {} ended: {}", call_label(leg->call), leg->sip_call_id, leg->id.value, reason);
  const LegId id = leg->id;
  emit(model::LegEnded{id, 0, reason});
  destroy_leg(id);
}

void B2bua::hangup(const model::HangupLeg& cmd) {
  auto it = legs_.find(cmd.leg);
  if (it == legs_.end()) return;
  Leg* leg = it->second.get();
  if (leg->inbound() && !leg->answered && leg->sess) {
    const int code = cmd.code ? cmd.code : 480;
    (void)sipsess_reject(leg->sess, static_cast<uint16_t>(code), code == 480 ? "Temporarily Unavailable" : "Rejected",
                         "");
  }
  spdlog::info("call {}: hanging up leg {} ({})", call_label(leg->call), leg->id.value, cmd.reason);
  destroy_leg(cmd.leg);
}

void B2bua::destroy_leg(LegId id) {
  drop_monitor(id);
  leave_group(id);
  end_call_recording_of(id);
  end_leg_recording(id, "the leg ended");
  legs_.erase(id);
}

void B2bua::execute(const model::TelephonyCommand& cmd) {
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, model::PlayPrompt>) play(c);
        else if constexpr (std::is_same_v<T, model::PlaySequence>) play_sequence(c);
        else if constexpr (std::is_same_v<T, model::StopPrompt>) stop_prompt(c);
        else if constexpr (std::is_same_v<T, model::RingPhone>) ring(c);
        else if constexpr (std::is_same_v<T, model::Dial>) dial(c);
        else if constexpr (std::is_same_v<T, model::HangupLeg>) hangup(c);
        else if constexpr (std::is_same_v<T, model::Bridge>) bridge(c);
        else if constexpr (std::is_same_v<T, model::RecordLeg>) record_leg(c);
        else if constexpr (std::is_same_v<T, model::StopRecording>) stop_recording(c);
        else if constexpr (std::is_same_v<T, model::AnswerLeg>) {
          if (auto it = legs_.find(c.leg); it != legs_.end()) answer_inbound(it->second.get());
        }
        else if constexpr (std::is_same_v<T, model::Unbridge>) unbridge(c);
        else if constexpr (std::is_same_v<T, model::Conference>) conference(c);
        else if constexpr (std::is_same_v<T, model::SendDigits>) send_digits(c);
        else if constexpr (std::is_same_v<T, model::Monitor>) monitor(c);
        else if constexpr (std::is_same_v<T, model::PauseRecording>) pause_recording(c);
        else static_assert(sizeof(T) == 0, "a TelephonyCommand without a handler");
      },
      cmd);
}

// One 20 ms frame for every leg that plays something or sends digits, one for
// every leg of a conference, and one stereo frame for every recorded call.
void B2bua::tick() {
  const auto t0 = std::chrono::steady_clock::now();
  for (auto& [id, leg] : legs_) {
    leg->media->tick();
    if (leg->media->take_prompt_done()) emit(model::PromptDone{id});
  }
  mix_conferences();
  write_recordings();
  write_leg_recordings();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (s_.tick_seconds) s_.tick_seconds->observe(s);
}

void B2bua::housekeeping() { registrar_->sweep(now_ms()); }

TelephonyStats B2bua::stats() const {
  TelephonyStats st;
  st.sip = sip_counts_;
  st.rtp_rx = counters_.rx_packets;
  st.rtp_tx = counters_.tx_packets;
  st.rtp_lost = counters_.rx_lost;
  st.auth_failures = registrar_ ? registrar_->auth_failures() : 0;
  for (const auto& [id, leg] : legs_) {
    (leg->kind == LegKind::kInbound ? st.inbound_legs
     : leg->kind == LegKind::kAgent ? st.agent_legs
                                    : st.dialled_legs)++;
  }
  st.registered_phones = registrar_ ? static_cast<int64_t>(registrar_->registered_phones()) : 0;
  st.blocked_sources = registrar_ ? static_cast<int64_t>(registrar_->blocked_sources(now_ms())) : 0;
  st.recordings_active = static_cast<int64_t>(call_recs_.size() + leg_recs_.size());
  return st;
}

}  // namespace plateau::sip
