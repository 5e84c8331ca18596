// b2bua.h — everything that runs inside the telephony loop: the SIP stack and
// its transports, the registrar, inbound, agent and dialled legs, bridges with
// their recordings, prompts, and the shared 20 ms media tick.
//
// Telephony thread only (constructed, used and destroyed there): every member
// function below, including the libre callbacks, runs on it.
//
// The code is split by job: b2bua.cpp (stack, inbound legs, hang-up, tick,
// stats), outgoing_legs.cpp (RingPhone and Dial: our INVITEs and their
// answers), bridges.cpp (Bridge and recordings), playback.cpp (PlayPrompt,
// PlaySequence, StopPrompt, the prompt library), leg_recordings.cpp
// (RecordLeg, StopRecording).
#pragma once

#include <memory>
#include <set>
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
  // A new prompt library for the commands that follow; what plays keeps its
  // buffers. Null is ignored.
  void set_prompts(std::shared_ptr<const media::PromptLibrary> prompts);
  TelephonyStats stats() const;

  // libre callbacks (static trampolines live beside each).
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

  // The recording of what one leg sends (RecordLeg).
  struct LegRec {
    CallId call;
    LegId leg;
    media::RecHandle rec{};
    std::string path;
    int64_t max_samples = 0;  // 0: no limit
    int64_t samples = 0;      // written so far
    SampleFifo fifo;
  };

  // A leg with its RTP port and our SDP (PCMU, PCMA, telephone-event); digits
  // it receives are reported as Digit events.
  Result<std::unique_ptr<Leg>> new_leg(LegId id, CallId call, LegKind kind);
  void reject(const struct sip_msg* msg, CallId call, const std::string& tenant, const std::string& number,
              int code, const char* reason);

  // outgoing_legs.cpp
  void ring(const model::RingPhone& cmd);
  void dial(const model::Dial& cmd);
  // A new agent or dialled leg and its SDP offer (*offer, the caller frees it);
  // nullptr once setup_failed() has reported why.
  std::unique_ptr<Leg> outgoing_leg(CallId call, LegId id, LegKind kind, struct mbuf** offer);
  // Sends our INVITE with `offer` to `uri` as one more fork of `leg`; 0, or the
  // error with which libre refused to send it.
  int invite(Leg* leg, const std::string& uri, const char* from_name, const std::string& from_uri,
             struct mbuf* offer);
  // The outgoing leg could not be set up at all: LegEnded{code, reason}.
  void setup_failed(const char* what, CallId call, LegId leg, int code, const std::string& reason);

  // bridges.cpp
  void bridge(const model::Bridge& cmd);
  void close_bridge_of(LegId id);
  void close_bridge(CallId call);  // unbridges its legs, closes its recording (RecordingClosed follows)
  void write_recordings();

  // leg_recordings.cpp
  void record_leg(const model::RecordLeg& cmd);
  void stop_recording(const model::StopRecording& cmd);
  // Closes the leg's recording, if any; LegRecorded follows from the writer
  // thread once the file is on disk.
  void end_leg_recording(LegId id, const char* why);
  void write_leg_recordings();

  // An unanswered inbound leg gets its 200 OK now, with the SDP of its 183.
  void answer_inbound(Leg* leg);
  // A recording path given by the core, under the data directory.
  std::string data_path(const std::string& path) const;

  // playback.cpp
  void play(const model::PlayPrompt& cmd);
  void play_sequence(const model::PlaySequence& cmd);
  void stop_prompt(const model::StopPrompt& cmd);
  // The prompt, or nullptr (a warning the first time this name and language are missing).
  media::PcmBuffer prompt(const std::string& name, const std::string& language, LegId leg);

  void hangup(const model::HangupLeg& cmd);
  void destroy_leg(LegId id);
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
  std::unordered_map<LegId, std::unique_ptr<LegRec>> leg_recs_;
  std::set<std::string> missing_prompts_;  // "<language>/<name>" already warned about
  MediaCounters counters_;
  SipCounts sip_counts_;
};

}  // namespace plateau::sip
