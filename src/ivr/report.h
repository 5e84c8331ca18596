// report.h — where callers leave an IVR flow and how many it serves alone,
// computed from call records (never from stored counters).
//
// Per flow and version: the calls that entered it, how each one's IVR ended
// (enqueued for an agent, served, voicemail, transferred, callback, abandoned,
// failed), containment — the share the IVR served without an agent (served
// or voicemail) — and, per step, how many calls ended there and how many of
// those hung up.
//
// Pure; any thread.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/call_record.h"

namespace plateau::ivr {

struct StepExits {
  int ended = 0;      // the IVR ended at this step (any way)
  int abandoned = 0;  // the caller hung up in this step
};

struct FlowReport {
  std::string tenant, flow;
  int version = 0;
  int calls = 0;
  std::map<std::string, int> ends;         // "enqueued" -> 120, "served" -> 80, ...
  std::map<std::string, StepExits> steps;  // by step id
  int contained = 0;                       // served + voicemail
  double containment = 0;                  // contained / calls (0 when no call)
};

// Records without a flow are ignored; the result is ordered by tenant, flow, version.
std::vector<FlowReport> ivr_report(const std::vector<model::CallRecord>& calls);

}  // namespace plateau::ivr
