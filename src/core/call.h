// call.h — what the router knows of one call: its legs, where it is in its
// flow, and the figures of its record. Private to src/core.
//
// Thread: the router's (app thread).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <memory>

#include "acd/engine.h"
#include "ivr/session.h"
#include "common/ids.h"
#include "model/call_record.h"

namespace plateau::core {

// How long a number Plateau dials (callback, transfer) may ring unanswered.
inline constexpr int64_t kDialRingMs = 30'000;

enum class CallPhase {
  Greeting,         // the number's greeting plays
  Ivr,              // in the number's IVR flow (call.ivr)
  Queued,           // in the ACD with music (agents may be ringing)
  Announcing,       // position and estimated wait play, music resumes after
  CallbackOffer,    // "press 1 to be called back" plays or waits for the digit
  CallbackConfirm,  // the callback is stored; the confirmation plays, then goodbye
  CallbackWaiting,  // a callback call whose agent answered: Plateau dials the customer
  Transferring,     // overflow to an external number: dialling it
  Bridged,          // two parties talk
  Leaving,          // a goodbye prompt plays before hang-up
  Ended,            // waiting for the recording to close and the record to commit
};

// An agent leg ringing for this call (several under ring_all).
struct RingingLeg {
  LegId leg;
  acd::AgentId agent = 0;
  int64_t since_mono = 0;
};

// A transfer target being reached for the connected agent: a consultation
// (the caller on hold), or a named agent rung for a blind transfer.
struct Consult {
  bool active = false;
  std::string to_type, target;  // "agent" | "queue" | "external", login / queue / number
  acd::ContactId contact;       // its own contact in the ACD (agent and queue targets)
  std::vector<RingingLeg> ringing;
  LegId leg;                    // the target's leg: answered agent leg, or the dialled number
  acd::AgentId agent = 0;       // the target agent, once answered
  bool answered = false;
  int64_t deadline_mono = -1;   // ring limit of a dialled number
};

// One transfer in the call record (JSON array `transfers`).
struct TransferNote {
  std::string mode, to_type, target, from_agent, to_agent;
  int64_t ts_ms = 0;
};

// A phone's refusal (SIP status) as a not-ready reason (router_acd.cpp).
std::string refusal_reason(int code);

struct Call {
  CallId id;
  std::string pid;              // printable platform id, the record's id
  acd::ContactId contact;       // its contact in the ACD (inbound: == id)
  bool in_acd = false;
  bool is_callback = false;     // a call placed by Plateau to call a customer back
  std::string origin_pid;       // for a callback: the call that asked for it
  LegId caller_leg;             // the caller (inbound) or the dialled customer (callback)
  LegId agent_leg;              // the connected agent's leg
  LegId external_leg;           // overflow to an external number
  acd::AgentId agent = 0;
  bool has_agent = false;
  std::vector<RingingLeg> ringing;
  std::string sip_call_id, tenant, number, caller, queue, language;
  int priority = 0;
  std::string requirement;
  CallPhase phase = CallPhase::Greeting;
  int64_t start_ms = 0, answer_ms = 0;
  int64_t queued_mono = -1, answer_mono = -1, left_queue_mono = -1;
  int64_t ring_total_ms = 0;
  int64_t deadline_mono = -1;  // router-level: goodbye prompt guard, callback digit wait, dialled ring limit
  std::string recording;
  bool recording_pending = false;
  // The recording paused from the desktop (router_recording.cpp).
  int64_t recording_mono = -1;  // when the Bridge that opened it was sent
  bool recording_paused = false;
  int64_t recording_paused_mono = -1;
  int64_t recording_paused_ms = 0;
  int recording_pauses = 0;
  model::CallRecord record;
  bool record_sent = false;
  // The IVR (numbers that run a flow): the session, the data it attaches to
  // the contact, and a voicemail being recorded or stored.
  std::unique_ptr<ivr::Session> ivr;
  ivr::Attributes attached;
  std::string callback_number;  // "" = the caller's number
  bool voicemail_pending = false;  // a LegRecorded or a store commit is awaited
  int64_t voicemail_ms = 0;
  // Call control by the agent (router_control.cpp).
  bool held = false;
  int64_t held_mono = -1;
  int holds = 0;
  int64_t hold_ms = 0;
  Consult consult;
  bool conference = false;        // caller, agent and target mixed
  bool transferred = false;       // a transfer happened: the call stays "answered"
  std::vector<TransferNote> transfers;
  std::vector<acd::ContactId> old_contacts;  // earlier contacts of the call, forgotten with it
};

}  // namespace plateau::core
