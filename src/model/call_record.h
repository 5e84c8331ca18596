// call_record.h — one record per call, written when the call ends.
//
// Times are UTC milliseconds since the epoch (0 = did not happen); durations
// are milliseconds. Thread-safety: plain value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace plateau::model {

enum class CallOutcome {
  Answered,   // an agent answered
  Abandoned,  // caller hung up before an agent answered
  NoAgent,    // left the queue: no agent logged in, or max wait reached
  Rejected,   // refused at the door: unknown number (404), forbidden source (403)
  Failed,     // technical failure; `reason` says which
  CallbackRequested,  // the caller left the queue keeping its place, to be called back
  Transferred,        // overflowed to an external number
  NoAnswer,           // a call placed by Plateau (callback) that the customer did not answer
  IvrServed,          // the IVR served the caller alone (self-service, information)
  Voicemail,          // the caller left a message in the IVR
};

inline constexpr CallOutcome kCallOutcomes[] = {
    CallOutcome::Answered, CallOutcome::Abandoned,         CallOutcome::NoAgent,     CallOutcome::Rejected,
    CallOutcome::Failed,   CallOutcome::CallbackRequested, CallOutcome::Transferred, CallOutcome::NoAnswer,
    CallOutcome::IvrServed, CallOutcome::Voicemail};

constexpr std::string_view to_string(CallOutcome o) {
  switch (o) {
    case CallOutcome::Answered: return "answered";
    case CallOutcome::Abandoned: return "abandoned";
    case CallOutcome::NoAgent: return "no_agent";
    case CallOutcome::Rejected: return "rejected";
    case CallOutcome::Failed: return "failed";
    case CallOutcome::CallbackRequested: return "callback_requested";
    case CallOutcome::Transferred: return "transferred";
    case CallOutcome::NoAnswer: return "no_answer";
    case CallOutcome::IvrServed: return "ivr_served";
    case CallOutcome::Voicemail: return "voicemail";
  }
  return "failed";
}

struct CallRecord {
  std::string id;           // platform call id (ties all legs of the call), e.g. "c-18c2f0a1-000042"
  std::string sip_call_id;  // Call-ID of the caller's leg
  std::string tenant;
  std::string caller;       // From user part
  std::string number;       // dialled number (DID)
  std::string queue;
  std::string agent;        // agent login that answered ("" if none)
  int64_t start_ms = 0;     // INVITE received
  int64_t answer_ms = 0;    // agent answered
  int64_t end_ms = 0;       // call ended
  int64_t wait_ms = 0;      // queue entry to agent answer, or to the end if unanswered
  int64_t ring_ms = 0;      // total ringing of agent phones
  int64_t talk_ms = 0;      // agent answer to end
  CallOutcome outcome = CallOutcome::Failed;
  std::string reason;       // e.g. "caller_hangup", "agent_hangup", "ring_no_answer", "404 not found"
  std::string recording;    // path relative to the data directory ("" if none)
  // The IVR, when the number runs one (docs/IVR.md).
  std::string flow;         // flow name ("" = none)
  int flow_version = 0;
  std::string ivr_end;      // how the IVR ended: enqueued, served, voicemail, abandoned ... ("" = no IVR)
  std::string ivr_path;     // the steps, digits and results, as JSON (ivr::Path::to_json)
  bool recording_notice = false;  // the recording notice was played whole
  std::string attached;     // JSON object: the data that travelled with the contact (IVR inputs, customer id)
  // Wrap-up, stored after the record (Store::record_disposition): "" until then.
  std::string disposition;
  std::string wrapup_note;
  // Call control by agents (docs/CTI.md): `agent` above is the last agent.
  int64_t hold_ms = 0;      // total time the caller was on hold
  int holds = 0;            // times the caller was put on hold
  std::string transfers;    // JSON array of {mode, to_type, target, from_agent, to_agent, ts_ms} ("" = none)
  bool conference = false;  // a three-way conference took place
  // Recording paused from the desktop (card payments): silence in the file.
  int64_t recording_paused_ms = 0;  // total time paused
  int recording_pauses = 0;         // times paused
  // Retention (docs/API.md "Recordings"): when the file was marked for deletion
  // (0: never); recording_purged the file is gone.
  int64_t recording_purged_ms = 0;
  bool recording_purged = false;
};

}  // namespace plateau::model
