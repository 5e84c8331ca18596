// legs.h — the B2BUA's view of SIP legs, each with its media:
//  - inbound: a caller's INVITE, answered by us (183 at once, 200 on Bridge);
//  - agent: our INVITE to every registered contact of an agent's phone
//    (RingPhone), forked: the first to answer wins, the others are cancelled;
//  - dialled: our INVITE to a number through a trunk's gateway (Dial), one fork.
//
// Telephony thread only. A Leg owns its libre sessions: destroying it hangs
// them up (CANCEL before answer, BYE after, or the final response given).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/ids.h"
#include "sip/media_leg.h"
#include "sip/re.h"

namespace plateau::sip {

class B2bua;

enum class LegKind : uint8_t { kInbound, kAgent, kDialled };

// "caller", "agent", "dialled": for logs.
const char* to_string(LegKind kind);

struct Fork {
  struct Leg* leg = nullptr;
  struct sipsess* sess = nullptr;
  bool failed = false;
  int code = 0;
  std::string reason;
};

struct Leg {
  LegId id;
  CallId call;
  LegKind kind = LegKind::kInbound;
  B2bua* owner = nullptr;
  std::string sip_call_id;
  struct sipsess* sess = nullptr;            // inbound
  std::vector<std::unique_ptr<Fork>> forks;  // agent (one per contact) and dialled (one)
  Fork* winner = nullptr;
  bool ringing_reported = false;
  bool answered = false;  // 200 sent (inbound) or received (agent, dialled)
  struct sdp_session* sdp = nullptr;
  struct sdp_media* sdpm = nullptr;
  struct mbuf* answer = nullptr;  // inbound: our SDP answer, sent in the 183 and again in the 200
  std::unique_ptr<MediaLeg> media;
  int64_t created_ms = 0;

  bool inbound() const { return kind == LegKind::kInbound; }
  ~Leg();
};

}  // namespace plateau::sip
