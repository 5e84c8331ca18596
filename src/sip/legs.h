// legs.h — the B2BUA's view of SIP legs: an inbound leg (the caller's INVITE,
// answered by us) or an outbound leg (our INVITE to every registered contact of
// an agent's phone, forked; the first to answer wins), each with its media.
//
// Telephony thread only. A Leg owns its libre sessions: destroying it hangs
// them up (CANCEL before answer, BYE after, or the final response given).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/ids.h"
#include "sip/media_leg.h"
#include "sip/re.h"

namespace plateau::sip {

class B2bua;

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
  bool inbound = true;
  B2bua* owner = nullptr;
  std::string sip_call_id;
  struct sipsess* sess = nullptr;             // inbound
  std::vector<std::unique_ptr<Fork>> forks;   // outbound
  Fork* winner = nullptr;
  bool ringing_reported = false;
  bool answered = false;                      // 200 sent (inbound) or received (outbound)
  struct sdp_session* sdp = nullptr;
  struct sdp_media* sdpm = nullptr;
  struct mbuf* answer = nullptr;             // inbound: our SDP answer, sent in the 183 and again in the 200
  std::unique_ptr<MediaLeg> media;
  int64_t created_ms = 0;

  ~Leg();
};

}  // namespace plateau::sip
