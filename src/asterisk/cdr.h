// cdr.h — call records as Asterisk CDRs (cdr_csv's columns, in its order)
// followed by the contact centre's fields (docs/EXPORTS.md).
//
// Columns: accountcode, src, dst, dcontext, clid, channel, dstchannel,
// lastapp, lastdata, start, answer, end, duration, billsec, disposition,
// amaflags, uniqueid, userfield (cdr_csv with loguniqueid and loguserfield),
// linkedid; then queue, agent, wait_s, ring_s, talk_s, hold_s, acw_s,
// transfers, campaign, disposition_code, recording, recording_notice.
// Times are "YYYY-MM-DD HH:MM:SS" in the tenant's IANA zone (cdr_csv's format,
// usegmtime=no); an unanswered call has an empty answer time.
//
// Pure (reads the system tz database); any thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "asterisk/queue_log.h"
#include "common/result.h"
#include "http/csv.h"
#include "model/call_record.h"

namespace plateau::asterisk {

const std::vector<std::string>& cdr_header();

// ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION.
std::string_view cdr_disposition(const model::CallRecord& r);

// After-call work per call id: each agent's time in wrap_up (agent.state
// events leaving wrap_up, `in_previous_ms`) charged to the call that agent
// last ended (call.ended's agent column). `events` in log order.
std::map<std::string, int64_t> acw_by_call(const std::vector<EventRow>& events);

// One row per record; "cdr.time_zone" if the zone is unknown.
Result<std::vector<std::vector<http::Cell>>> cdr_rows(const std::vector<model::CallRecord>& records,
                                                      std::string_view time_zone,
                                                      const std::map<std::string, int64_t>& acw_ms = {});

}  // namespace plateau::asterisk
