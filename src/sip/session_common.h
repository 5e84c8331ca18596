// session_common.h — what inbound and outgoing legs share on the SIP side: the
// Allow header we send, and the codec choice in a remote SDP.
//
// Telephony thread only (libre objects).
#pragma once

#include "sip/re.h"

namespace plateau::sip {

inline constexpr const char* kAllow = "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, INFO\r\n";

// The first of PCMU/PCMA in the remote side's order of preference (*pt = 0 or
// 8), and its telephone-event payload type (*te_pt, -1 if none). False if the
// remote side offers neither PCMU nor PCMA.
bool negotiated(struct sdp_media* m, int* pt, int* te_pt);

}  // namespace plateau::sip
