// voicemail.h — a message a caller left in the IVR (a `voicemail` step).
//
// Stored (and committed) before the caller hears that it was recorded;
// listed through the API for agents and supervisors. Times are UTC ms.
// Thread-safety: plain value.
#pragma once

#include <cstdint>
#include <string>

namespace plateau::model {

struct Voicemail {
  std::string id;           // the call's platform id
  std::string tenant;
  std::string caller;       // the calling number
  std::string customer_id;  // from an IVR look-up, else the one customer with the calling number ("" = not identified)
  std::string language;     // the call's language when the message was left
  std::string flow;         // the flow and version it was left in
  int flow_version = 0;
  std::string path;         // WAV file, relative to the data directory
  int64_t duration_ms = 0;
  int64_t created_ms = 0;
  std::string state = "new";  // new, heard, done
};

}  // namespace plateau::model
