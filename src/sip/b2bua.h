// b2bua.h — everything that runs inside the telephony loop: the SIP stack and
// its transports, the registrar, inbound and outbound legs, bridges with their
// recordings, and the shared 20 ms media tick.
//
// Telephony thread only (constructed, used and destroyed there).
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "media/prompt.h"
#include "media/recorder.h"
#include "sip/legs.h"
#include "sip/registrar.h"
#include "sip/telephony.h"

namespace plateau::sip {

class B2bua {
 public:
  B2bua(const TelephonySettings& s, core::DirectoryPtr dir, std::shared_ptr<const media::PromptLibrary> prompts,
        media::RecordingWriter* recorder, Telephony::EventSink sink);
  ~B2bua();

  // Allocates the stack and binds the transports.
  Status start();
  void execute(const model::TelephonyCommand& cmd);
  void set_directory(core::DirectoryPtr dir);
  TelephonyStats stats() const;

  // libre callbacks (static trampolines live in b2bua.cpp).
  bool on_request(const struct sip_msg* msg);
  void on_invite(const struct sip_msg* msg);
  void on_inbound_closed(Leg* leg, int err, const struct sip_msg* msg);
  void on_fork_progress(Fork* f, const struct sip_msg* msg);
  int on_fork_answer(Fork* f, const struct sip_msg* msg);
  void on_fork_established(Fork* f);
  void on_fork_closed(Fork* f, int err, const struct sip_msg* msg);
  int on_offer(Leg* leg, struct mbuf** descp, const struct sip_msg* msg);
  void tick();
  void on_trace(bool tx, const uint8_t* pkt, size_t len);
  void housekeeping();

 private:
  struct BridgeRec {
    CallId call;
    LegId a, b;
    media::RecHandle rec{};
    bool recording = false;
    std::string path;
    SampleFifo fa, fb;
  };

  Result<std::unique_ptr<Leg>> new_leg(LegId id, CallId call, bool inbound);
  void reject(const struct sip_msg* msg, CallId call, const std::string& tenant, const std::string& number,
              int code, const char* reason);
  void ring(const model::RingPhone& cmd);
  void hangup(const model::HangupLeg& cmd);
  void bridge(const model::Bridge& cmd);
  void play(const model::PlayPrompt& cmd);
  void destroy_leg(LegId id);
  void close_bridge_of(LegId id);
  void emit(model::TelephonyEvent ev) { sink_(std::move(ev)); }
  int64_t now_ms() const;

  TelephonySettings s_;
  core::DirectoryPtr dir_;
  std::shared_ptr<const media::PromptLibrary> prompts_;
  media::RecordingWriter* recorder_;
  Telephony::EventSink sink_;

  struct sip* sip_ = nullptr;
  struct sip_lsnr* lsnr_ = nullptr;
  struct sipsess_sock* sock_ = nullptr;
  struct sa rtp_ip_ {}, adv_ip_ {};
  std::string adv_host_;
  std::unique_ptr<Registrar> registrar_;
  std::unordered_map<LegId, std::unique_ptr<Leg>> legs_;
  std::unordered_map<CallId, std::unique_ptr<BridgeRec>> bridges_;
  std::unordered_map<LegId, CallId> bridge_of_leg_;
  MediaCounters counters_;
  SipCounts sip_counts_;
};

}  // namespace plateau::sip
