#include "asterisk/cdr.h"

#include <date/tz.h>

#include <nlohmann/json.hpp>

namespace plateau::asterisk {

namespace {

std::string local_time(const date::time_zone* zone, int64_t ms) {
  if (ms <= 0) return "";
  const auto t = std::chrono::floor<std::chrono::seconds>(std::chrono::sys_time<std::chrono::milliseconds>(
      std::chrono::milliseconds(ms)));
  return date::format("%Y-%m-%d %H:%M:%S", date::make_zoned(zone, t));
}

int64_t transfers(const std::string& json_text) {
  if (json_text.empty()) return 0;
  auto j = nlohmann::json::parse(json_text, nullptr, false);
  return j.is_array() ? static_cast<int64_t>(j.size()) : 0;
}

}  // namespace

const std::vector<std::string>& cdr_header() {
  static const std::vector<std::string> h{
      "accountcode", "src",         "dst",     "dcontext", "clid",     "channel",   "dstchannel", "lastapp",
      "lastdata",    "start",       "answer",  "end",      "duration", "billsec",   "disposition", "amaflags",
      "uniqueid",    "userfield",   "linkedid", "queue",   "agent",    "wait_s",    "ring_s",     "talk_s",
      "hold_s",      "acw_s",       "transfers", "campaign", "disposition_code", "recording", "recording_notice"};
  return h;
}

std::string_view cdr_disposition(const model::CallRecord& r) {
  using model::CallOutcome;
  switch (r.outcome) {
    case CallOutcome::Answered:
    case CallOutcome::IvrServed:
    case CallOutcome::Voicemail: return "ANSWERED";
    case CallOutcome::Transferred: return r.answer_ms > 0 ? "ANSWERED" : "NO ANSWER";
    case CallOutcome::Abandoned:
    case CallOutcome::NoAgent:
    case CallOutcome::CallbackRequested: return "NO ANSWER";
    case CallOutcome::NoAnswer: return r.reason.find("486") != std::string::npos ? "BUSY" : "NO ANSWER";
    case CallOutcome::Rejected: return "FAILED";
    case CallOutcome::Failed:
      return r.reason.find("503") != std::string::npos ? "CONGESTION" : "FAILED";
  }
  return "FAILED";
}

std::map<std::string, int64_t> acw_by_call(const std::vector<EventRow>& events) {
  std::map<std::string, int64_t> acw;
  std::map<std::string, std::string> last_call;  // tenant '\n' login → call id
  for (const auto& e : events) {
    if (e.agent.empty()) continue;
    const std::string who = e.tenant + '\n' + e.agent;
    if (e.kind == "call.ended" && !e.call_id.empty()) {
      last_call[who] = e.call_id;
    } else if (e.kind == "agent.state") {
      auto d = nlohmann::json::parse(e.data_json.empty() ? "{}" : e.data_json, nullptr, false);
      if (!d.is_object() || d.value("from", "") != "wrap_up") continue;
      auto it = last_call.find(who);
      if (it == last_call.end()) continue;
      auto ms = d.find("in_previous_ms");
      if (ms != d.end() && ms->is_number()) acw[it->second] += ms->get<int64_t>();
    }
  }
  return acw;
}

Result<std::vector<std::vector<http::Cell>>> cdr_rows(const std::vector<model::CallRecord>& records,
                                                      std::string_view time_zone,
                                                      const std::map<std::string, int64_t>& acw_ms) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(time_zone);
  } catch (const std::exception&) {
    return make_error("cdr.time_zone", "unknown time zone \"" + std::string(time_zone) + "\"");
  }
  std::vector<std::vector<http::Cell>> rows;
  rows.reserve(records.size());
  for (const auto& r : records) {
    const bool answered = r.answer_ms > 0;
    const int64_t duration = r.end_ms > r.start_ms ? (r.end_ms - r.start_ms) / 1000 : 0;
    const int64_t billsec = answered && r.end_ms > r.answer_ms ? (r.end_ms - r.answer_ms) / 1000 : 0;
    auto acw = acw_ms.find(r.id);
    rows.push_back({r.tenant,
                    r.caller,
                    r.number,
                    r.tenant,
                    "\"\" <" + r.caller + ">",
                    "PJSIP/" + r.caller,
                    r.agent.empty() ? std::string() : QueueLogFormatter::member(r.agent),
                    r.queue.empty() ? std::string(r.flow.empty() ? "Hangup" : "IVR") : std::string("Queue"),
                    r.queue.empty() ? r.flow : r.queue,
                    local_time(zone, r.start_ms),
                    local_time(zone, r.answer_ms),
                    local_time(zone, r.end_ms),
                    duration,
                    billsec,
                    std::string(cdr_disposition(r)),
                    "DOCUMENTATION",
                    r.id,
                    "",
                    r.id,
                    r.queue,
                    r.agent,
                    r.wait_ms / 1000.0,
                    r.ring_ms / 1000.0,
                    r.talk_ms / 1000.0,
                    r.hold_ms / 1000.0,
                    acw != acw_ms.end() ? acw->second / 1000.0 : 0.0,
                    transfers(r.transfers),
                    "",
                    r.disposition,
                    r.recording,
                    std::string(r.recording_notice ? "yes" : "no")});
  }
  return rows;
}

}  // namespace plateau::asterisk
