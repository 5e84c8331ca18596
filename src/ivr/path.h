// path.h — the path a call took through a flow: the steps it visited, the
// digits it pressed and what each step decided, then how the IVR ended. Kept
// with the call record (as JSON) so that reports show where callers leave and
// how many the IVR served alone (containment).
//
// Pure values; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace plateau::ivr {

struct Visit {
  std::string step;     // step id
  std::string type;     // "menu", "collect" ...
  int64_t at_ms = 0;    // since the call entered the flow
  std::string input;    // digits pressed in this step ("" = none)
  std::string result;   // "2", "timeout", "invalid", "found", "open", "ok 200" ...
};

// How the IVR ended for the call.
enum class PathEnd { Running, Enqueued, Transferred, Callback, Voicemail, Served, Failed, Abandoned };
std::string_view to_string(PathEnd e);

struct Path {
  std::string flow;
  int version = 0;
  std::vector<Visit> visits;
  PathEnd end = PathEnd::Running;
  std::string end_step;  // the step the call was in when the IVR ended
  std::string detail;    // the queue, the number, the failure ...

  // {"flow":"accueil","version":3,"end":"enqueued","end_step":"agent","detail":"support",
  //  "steps":[{"step":"menu","type":"menu","t":1200,"in":"2","out":"factures"}, ...]}
  std::string to_json() const;
  // The steps, as "langue>menu>factures" (for CSV exports and quick reading).
  std::string summary() const;
};

}  // namespace plateau::ivr
