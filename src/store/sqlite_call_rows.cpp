#include "store/sqlite_call_rows.h"

#include <optional>
#include <string_view>

namespace plateau::store::sqlite {

namespace {

std::optional<model::CallOutcome> parse_outcome(std::string_view s) {
  for (auto o : model::kCallOutcomes) {
    if (model::to_string(o) == s) return o;
  }
  return std::nullopt;
}

}  // namespace

Result<model::CallRecord> read_call(const Stmt& s, const std::string& db_path) {
  model::CallRecord r;
  r.id = s.text(0);
  r.sip_call_id = s.text(1);
  r.tenant = s.text(2);
  r.caller = s.text(3);
  r.number = s.text(4);
  r.queue = s.text(5);
  r.agent = s.text(6);
  r.start_ms = s.int64(7);
  r.answer_ms = s.int64(8);
  r.end_ms = s.int64(9);
  r.wait_ms = s.int64(10);
  r.ring_ms = s.int64(11);
  r.talk_ms = s.int64(12);
  auto outcome = parse_outcome(s.text(13));
  if (!outcome) {
    return make_error("store.io", "database " + db_path + ": call record \"" + r.id +
                                      "\" has an unknown outcome \"" + s.text(13) + "\"");
  }
  r.outcome = *outcome;
  r.reason = s.text(14);
  r.recording = s.text(15);
  r.flow = s.text(16);
  r.flow_version = static_cast<int>(s.int64(17));
  r.ivr_end = s.text(18);
  r.ivr_path = s.text(19);
  r.recording_notice = s.int64(20) != 0;
  r.attached = s.text(21);
  r.disposition = s.text(22);
  r.wrapup_note = s.text(23);
  r.hold_ms = s.int64(24);
  r.holds = static_cast<int>(s.int64(25));
  r.transfers = s.text(26);
  r.conference = s.int64(27) != 0;
  r.recording_paused_ms = s.int64(28);
  r.recording_pauses = static_cast<int>(s.int64(29));
  r.recording_purged_ms = s.int64(30);
  r.recording_purged = s.int64(31) != 0;
  return r;
}

}  // namespace plateau::store::sqlite
