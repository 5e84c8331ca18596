// sqlite_call_rows.h — the columns of a call record and how one row of them
// reads back (private to the SQLite back end; query_calls and the quality
// queries share them).
// Thread-safety: the caller's thread, which owns the statement.
#pragma once

#include "common/result.h"
#include "model/call_record.h"
#include "store/sqlite_db.h"

namespace plateau::store::sqlite {

// The columns read_call expects, in order, for "SELECT <kCallColumns> FROM calls ...".
inline constexpr const char* kCallColumns =
    "id, sip_call_id, tenant, caller, number, queue, agent, start_ms, answer_ms, end_ms, wait_ms, "
    "ring_ms, talk_ms, outcome, reason, recording, flow, flow_version, ivr_end, ivr_path, recording_notice, "
    "attached, disposition, wrapup_note, hold_ms, holds, transfers, conference, recording_paused_ms, "
    "recording_pauses, recording_purged_ms, recording_purge_done";

// The record of the current row; "store.io" for an unknown outcome.
Result<model::CallRecord> read_call(const Stmt& s, const std::string& db_path);

}  // namespace plateau::store::sqlite
