// call_events.h — the messages between the telephony thread (src/sip) and the
// routing core (src/core, on the app thread).
//
// Telephony reports what happened on SIP legs (TelephonyEvent); the core answers
// with what to do (TelephonyCommand). Both are plain values copied across the
// thread boundary; legs and calls are named by id, never by pointer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/ids.h"

namespace plateau::model {

// ---- telephony -> core ----------------------------------------------------

// A caller's INVITE passed the door (number known, source allowed). The caller
// leg exists with its media; nothing has been sent beyond 100 Trying.
struct InboundCall {
  CallId call;
  LegId leg;
  std::string sip_call_id;
  std::string tenant;
  std::string number;  // DID
  std::string caller;  // From user part
  int64_t start_ms = 0;
};

// A call refused at the door (404, 403, 488...): reported for the call record.
struct CallRejected {
  CallId call;
  std::string sip_call_id;
  std::string tenant;  // "" when no number matched
  std::string number;
  std::string caller;
  int code = 0;
  std::string reason;
  int64_t start_ms = 0;
};

// The agent leg's phone is ringing (180/183).
struct LegRinging {
  LegId leg;
};

// The agent leg answered (200 OK, ACK sent).
struct LegAnswered {
  LegId leg;
};

// A leg ended or could not be set up. `code` is the SIP status for a failed
// setup (486, 480, 408, 603, 487...), 0 for a hang-up of an established leg.
struct LegEnded {
  LegId leg;
  int code = 0;
  std::string reason;  // "caller_hangup", "agent_hangup", "486 Busy Here", "no_contact", ...
};

// A prompt started with PlayPrompt reached its end (not sent for loops).
struct PromptDone {
  LegId leg;
};

// A recording was closed; the path is relative to the data directory.
struct RecordingClosed {
  CallId call;
  std::string path;
  bool ok = true;
};

// Registration state of a phone changed (first contact added / last removed).
struct PhoneRegistration {
  std::string username;
  bool registered = false;
  int contacts = 0;
};

// A digit from the caller (RFC 4733 or in-band).
struct Digit {
  LegId leg;
  char digit = 0;
};

// A recording of one leg (RecordLeg) ended: StopRecording, max_ms reached,
// the leg gone (then it comes after the leg's LegEnded), a new RecordLeg on
// the same leg, or a failure. Sent once per RecordLeg, only when the file is
// complete, closed and synced to disk. ok = false: nothing usable was
// recorded (refused, or the file could not be written) and path is "".
struct LegRecorded {
  CallId call;
  LegId leg;
  std::string path;  // as given in RecordLeg (relative to the data directory)
  int64_t duration_ms = 0;
  bool ok = true;
};

using TelephonyEvent = std::variant<InboundCall, CallRejected, LegRinging, LegAnswered, LegEnded, PromptDone,
                                    RecordingClosed, PhoneRegistration, Digit, LegRecorded>;

// ---- core -> telephony ----------------------------------------------------

// Send early media (183 with SDP) if not done yet, then play a prompt once
// (PromptDone follows) or in a loop (music on hold) to the leg.
struct PlayPrompt {
  LegId leg;
  std::string prompt;    // prompt name, e.g. "welcome", "moh"
  std::string language;  // "fr", "ar", "es", "en"
  bool loop = false;
};

// Play prompts one after the other to the leg (e.g. "position", "n_3",
// "wait_estimate" ...); PromptDone follows the last one. Like PlayPrompt, it
// replaces whatever plays, and sends early media first on an unanswered
// inbound leg. Works on any leg, inbound or outgoing, answered or not.
struct PlaySequence {
  LegId leg;
  std::vector<std::string> prompts;
  std::string language;
  // Per prompt, the language to play it in where it differs ("" = `language`);
  // may be shorter than `prompts` (an IVR language menu says each choice in its own).
  std::vector<std::string> languages = {};
};

// Stop whatever plays to the leg (silence).
struct StopPrompt {
  LegId leg;
};

// Answer an unanswered inbound leg: 200 OK with the SDP of its 183 (an IVR
// answers its callers); what plays goes on. Nothing for any other leg.
struct AnswerLeg {
  LegId leg;
};

// Create an outgoing leg to every registered contact of a phone.
struct RingPhone {
  CallId call;
  LegId leg;  // allocated by the core so that events can name it at once
  std::string username;
  std::string caller;       // shown to the agent
  std::string caller_name;  // display name shown to the agent (e.g. queue name)
  // Ask the phone to answer by itself (Call-Info: <uri>;answer-after=0 and
  // Alert-Info: <uri>;info=alert-autoanswer): the agent answered from the desktop.
  bool auto_answer = false;
};

// Place an outgoing call to a number through a trunk's gateway:
// INVITE sip:<number>@<gateway> with From <caller_id>. Reports LegRinging,
// LegAnswered and LegEnded like an agent leg.
struct Dial {
  CallId call;
  LegId leg;  // allocated by the core
  std::string tenant;
  std::string number;     // digits as dialled, e.g. "0612345678" or "+33612345678"
  std::string gateway;    // "host" or "host:port"
  std::string caller_id;  // From user part
};

// Cancel (before answer) or hang up (after) a leg.
struct HangupLeg {
  LegId leg;
  int code = 0;  // for an unanswered inbound leg: the final response (e.g. 480); 0 = default
  std::string reason;
};

// Answer the caller leg (200 OK with our SDP) if it is an unanswered inbound
// leg, and relay media between the two legs (any two answered legs: inbound
// caller and agent, agent and a dialled customer, caller and an external
// number); whatever played to either leg stops. Start recording if
// `record_path` is not empty (path relative to the data directory): left
// channel caller_leg, right channel agent_leg (one recording per call: see
// Conference).
struct Bridge {
  CallId call;
  LegId caller_leg;
  LegId agent_leg;
  std::string record_path;
};

// Record what the leg sends (the caller's voice; silence while no packet
// comes, so the file lasts the real time) into a mono 8 kHz WAV at `path`
// (relative to the data directory, e.g. "voicemail/2026/12/01/<id>.wav"), in
// the format of call recordings (G.711 µ-law, see media/recorder.h). An
// unanswered inbound leg is answered first (200 OK with the SDP of its 183);
// an outgoing leg must have answered. What plays to the leg keeps playing,
// digits keep being reported. Ends with LegRecorded after StopRecording,
// after `max_ms` of recording (0: no limit), or when the leg ends.
struct RecordLeg {
  CallId call;
  LegId leg;
  std::string path;
  int max_ms = 0;
};

// End the recording of the leg (LegRecorded follows); nothing if none.
struct StopRecording {
  LegId leg;
};

// Take the call's legs out of their bridge or conference (hold, before a
// transfer): every leg stays up and hears silence until a prompt, a Bridge or a
// Conference; nothing if the call has none. The call's recording stays open
// (see Conference).
struct Unbridge {
  CallId call;
};

// Mix the call's legs (two or more answered legs; an unanswered inbound leg is
// answered first): each hears the sum of the others; what played to them stops;
// the legs leave any other bridge or conference first. Codecs may differ.
//
// Recording of a call, for Bridge and Conference alike: the first of them with a
// `record_path` opens the call's recording; later Bridge, Unbridge and
// Conference of the same call keep it open and writing (left channel: the
// call's first caller_leg / first leg of `legs`; right: what that leg hears —
// the other legs of its bridge or conference, the music played to it while
// unbridged, else silence). It closes, with RecordingClosed, when that first
// leg ends; a later record_path is ignored. A Bridge or Conference that opens
// no recording, or is refused, while the call has none answers
// RecordingClosed{call, "", false} at once.
struct Conference {
  CallId call;
  std::vector<LegId> legs;
  std::string record_path;
};

// Send DTMF digits (0-9 * # A-D) to the leg as RFC 4733 telephone-events
// (in-band tones when none was negotiated), one after the other (100 ms tone,
// 100 ms gap). Nothing for a leg that has not answered.
struct SendDigits {
  LegId leg;
  std::string digits;
};

// How a supervisor's leg takes part in a call (Monitor).
enum class MonitorMode : uint8_t {
  Listen,   // hears the call; nobody hears it
  Whisper,  // hears the call; only the monitored agent hears it
  Barge,    // a party like the others: everybody hears it, it hears everybody
};

// "listen", "whisper", "barge".
inline const char* to_string(MonitorMode m) {
  return m == MonitorMode::Listen ? "listen" : m == MonitorMode::Whisper ? "whisper" : "barge";
}

// The mode named by to_string(), or nullopt.
inline std::optional<MonitorMode> monitor_mode_from(std::string_view s) {
  if (s == "listen") return MonitorMode::Listen;
  if (s == "whisper") return MonitorMode::Whisper;
  if (s == "barge") return MonitorMode::Barge;
  return std::nullopt;
}

// A supervisor's answered leg joins the call (listen, whisper, barge). The
// monitor belongs to the call, not to its current bridge: it is mixed into
// the call's bridge or conference now and into every later one (a retrieve,
// a consultation, a conference), hears silence while the call has none (on
// hold), and leaves when its leg ends (HangupLeg). `agent_leg` is the leg a
// whisper goes to (the monitored agent). A second Monitor of the same leg
// changes its mode (and agent_leg) on the next tick, without a new call.
// What the call's recording holds follows its first leg: what that leg hears
// — a barge is in it, a whisper and a listen are not.
struct Monitor {
  CallId call;
  LegId leg;
  LegId agent_leg;
  MonitorMode mode = MonitorMode::Listen;
};

// Pause (paused = true) or resume the call's recording (card payments): while
// paused the recording writes silence on both channels, so the file keeps the
// call's real time; each boundary is marked in the file by a 250 ms 1 kHz tone
// on both channels and by a labelled cue point ("recording paused" /
// "recording resumed") in the WAV's cue and LIST/adtl chunks. Nothing if the
// call has no recording, or it is already in that state.
struct PauseRecording {
  CallId call;
  bool paused = true;
};

using TelephonyCommand = std::variant<PlayPrompt, PlaySequence, StopPrompt, RingPhone, Dial, HangupLeg, Bridge,
                                      RecordLeg, StopRecording, AnswerLeg, Unbridge, Conference, SendDigits,
                                      Monitor, PauseRecording>;

}  // namespace plateau::model
