// b2bua.h — everything that runs inside the telephony loop: the SIP stack and
// its transports, the registrar, inbound, agent and dialled legs, bridges with
// their recordings, prompts, and the shared 20 ms media tick.
//
// Telephony thread only (constructed, used and destroyed there): every member
// function below, including the libre callbacks, runs on it.
//
// The code is split by job: b2bua.cpp (stack, inbound legs, hang-up, tick,
// stats), outgoing_legs.cpp (RingPhone and Dial: our INVITEs and their
// answers), bridges.cpp (Bridge, Conference, Unbridge, Monitor: which legs
// hear which, the conferences' mix on the tick), call_recordings.cpp (a call's stereo
// recording, from its first Bridge or Conference to the end of its first leg),
// playback.cpp (PlayPrompt, PlaySequence, StopPrompt, the prompt library,
// SendDigits), leg_recordings.cpp (RecordLeg, StopRecording).
#pragma once

#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "media/mixer.h"
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
  // The legs of a call that hear each other now: two relaying each other's
  // packets (Bridge), or 2..N mixed on the tick (Conference). A leg is in one
  // group at most, a call has one at most.
  // Supervisors' legs (Monitor) are in the group after the parties.
  struct Group {
    CallId call;
    bool conference = false;  // asked as a Conference: mixed even with two parties
    bool mixed = false;       // a conference, more than two parties, or monitored
    size_t parties = 0;       // legs[0, parties): the bridge or conference; then the monitors
    std::vector<LegId> legs;
    std::vector<std::unique_ptr<media::MixInput>> inputs;  // mixed: one per leg, in the same order
    std::vector<uint8_t> hears;  // mixed with monitors: who hears whom (hearing.h); empty: all hear all
  };

  // A supervisor's leg monitoring a call (Monitor), until its leg ends or it
  // becomes a party of a Bridge or Conference.
  struct MonitorLeg {
    LegId leg;
    LegId agent_leg;
    model::MonitorMode mode = model::MonitorMode::Listen;
  };

  // A call's recording: left what its first leg says, right what that leg
  // hears (the other party, the conference, the music while held, silence).
  struct CallRec {
    CallId call;
    LegId first;
    media::RecHandle rec{};
    std::string path;
    SampleFifo said, heard;
    bool paused = false;     // PauseRecording: silence is written
    int tone_left = 0;       // samples of the boundary tone still to write
    uint32_t tone_pos = 0;   // samples of the tone written so far
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
  // `headers`: more header lines for the INVITE, each ending in CRLF.
  int invite(Leg* leg, const std::string& uri, const char* from_name, const std::string& from_uri,
             struct mbuf* offer, const std::string& headers = {});
  // The outgoing leg could not be set up at all: LegEnded{code, reason}.
  void setup_failed(const char* what, CallId call, LegId leg, int code, const std::string& reason);

  // bridges.cpp
  void bridge(const model::Bridge& cmd);
  void conference(const model::Conference& cmd);
  void unbridge(const model::Unbridge& cmd);
  // Makes `legs` the call's group (bridged if two and !mixed, else mixed), after
  // checking them; starts the call's recording on the first with `record_path`.
  void join(CallId call, const std::vector<LegId>& legs, bool mixed, const std::string& record_path,
            const char* what);
  // Makes `parties` and the call's monitors the call's group and wires their
  // media (none of them in a group, the call without one).
  void wire_group(CallId call, const std::vector<LegId>& parties, bool conference);
  // The call's group again with its parties and its monitors now.
  void rewire_group(CallId call);
  void monitor(const model::Monitor& cmd);
  // The leg monitors no more (its call's group goes on without it).
  void drop_monitor(LegId id);
  // The leg leaves its group: a bridge ends (the other leg hears silence), a
  // conference goes on without it, a monitor leaves.
  void leave_group(LegId id);
  // The call's group ends; its legs stay up and hear silence.
  void dissolve_group(CallId call);
  void mix_conferences();

  // call_recordings.cpp
  // Opens the call's recording (left: `first`), unless it has one; answers
  // RecordingClosed{ok = false} when there is none and none is made.
  void record_call(CallId call, LegId first, const std::string& path);
  // Closes the recording `first` heads, if any (RecordingClosed follows).
  void end_call_recording_of(LegId first);
  void close_call_recording(CallId call);
  void pause_recording(const model::PauseRecording& cmd);
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
  // Digits go to answered legs only, at most kMaxDigits a command (200 ms each).
  static constexpr size_t kMaxDigits = 64;
  void send_digits(const model::SendDigits& cmd);
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
  std::unordered_map<CallId, std::unique_ptr<Group>> groups_;
  std::unordered_map<LegId, CallId> group_of_leg_;
  std::unordered_map<CallId, std::vector<MonitorLeg>> monitors_;
  std::unordered_map<LegId, CallId> monitor_of_leg_;
  std::unordered_map<CallId, std::unique_ptr<CallRec>> call_recs_;
  std::unordered_map<LegId, CallId> call_rec_of_leg_;  // first leg -> its call's recording
  std::unordered_map<LegId, std::unique_ptr<LegRec>> leg_recs_;
  std::vector<int16_t> mix_buf_;  // mix_conferences(): the frames in, then out
  std::vector<const int16_t*> mix_in_;
  std::vector<int16_t*> mix_out_;
  std::set<std::string> missing_prompts_;  // "<language>/<name>" already warned about
  MediaCounters counters_;
  SipCounts sip_counts_;
};

}  // namespace plateau::sip
