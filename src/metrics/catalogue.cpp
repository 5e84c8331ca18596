#include "metrics/catalogue.h"

#include <algorithm>
#include <set>

namespace plateau::metrics {

namespace {

using enum Type;

std::vector<MetricDef> build() {
  // Service-level thresholds (5 to 180 s) are bucket bounds so that "answered
  // within N seconds" is read off one bucket exactly.
  // (20 s is the queues' default, 180 s the 95/180 rule; docs/METRICS.md lists them.)
  const std::vector<double> wait_buckets = {1, 5, 10, 15, 20, 25, 30, 40, 45, 60, 90, 120, 180, 240, 300, 600};
  const std::vector<double> setup_buckets = {0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60};
  // The media tick must finish well inside its 20 ms period.
  const std::vector<double> tick_buckets = {0.00005, 0.0001, 0.00025, 0.0005, 0.001,
                                            0.002,   0.005,  0.01,    0.02};
  // A webhook answers while the caller waits in the IVR: seconds matter.
  // A wallboard snapshot is built once a second per watched tenant: well under a millisecond is the aim.
  const std::vector<double> snapshot_buckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1};
  const std::vector<double> webhook_buckets = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30};
  return {
      {Metric::sip_requests_total,
       "plateau_sip_requests_total",
       counter,
       "SIP requests by method and direction (in: received, out: sent).",
       {"method", "direction"},
       {}},
      {Metric::sip_responses_total,
       "plateau_sip_responses_total",
       counter,
       "SIP final and provisional responses by class (1xx..6xx) and direction.",
       {"code_class", "direction"},
       {}},
      {Metric::calls_active,
       "plateau_calls_active",
       gauge,
       "Calls in progress: inbound caller legs, agent legs, and legs Plateau dialled (callbacks, transfers).",
       {"kind"},
       {}},
      {Metric::calls_total,
       "plateau_calls_total",
       counter,
       "Finished calls by outcome (answered, abandoned, rejected, failed...).",
       {"outcome"},
       {}},
      {Metric::call_setup_seconds,
       "plateau_call_setup_seconds",
       histogram,
       "Seconds from an inbound INVITE to the first answer sent to the caller.",
       {},
       setup_buckets},
      {Metric::queue_waiting,
       "plateau_queue_waiting",
       gauge,
       "Calls waiting in the queue now.",
       {"queue"},
       {}},
      {Metric::queue_oldest_wait_seconds,
       "plateau_queue_oldest_wait_seconds",
       gauge,
       "Seconds the oldest waiting call of the queue has waited (0 when empty).",
       {"queue"},
       {}},
      {Metric::queue_estimated_wait_seconds,
       "plateau_queue_estimated_wait_seconds",
       gauge,
       "Estimated wait of a call entering the queue now (recent handle time and agents serving; absent when "
       "nobody serves).",
       {"queue"},
       {}},
      {Metric::queue_agents,
       "plateau_queue_agents",
       gauge,
       "Members of the queue by agent state.",
       {"queue", "state"},
       {}},
      {Metric::queue_offered_total,
       "plateau_queue_offered_total",
       counter,
       "Calls that entered the queue.",
       {"queue"},
       {}},
      {Metric::queue_answered_total,
       "plateau_queue_answered_total",
       counter,
       "Queued calls answered by an agent.",
       {"queue"},
       {}},
      {Metric::queue_abandoned_total,
       "plateau_queue_abandoned_total",
       counter,
       "Queued calls abandoned by the caller; short=\"true\" when within the short-abandon threshold.",
       {"queue", "short"},
       {}},
      {Metric::queue_wait_seconds,
       "plateau_queue_wait_seconds",
       histogram,
       "Seconds waited in the queue, by outcome (answered, abandoned).",
       {"queue", "outcome"},
       wait_buckets},
      {Metric::agents,
       "plateau_agents",
       gauge,
       "Logged-in agents by state (ready, reserved, busy, wrap_up, not_ready).",
       {"state"},
       {}},
      {Metric::registrations,
       "plateau_registrations",
       gauge,
       "Current SIP registrations (contacts bound).",
       {},
       {}},
      {Metric::sip_auth_failures_total,
       "plateau_sip_auth_failures_total",
       counter,
       "SIP digest authentications that failed.",
       {},
       {}},
      {Metric::sip_blocked_sources,
       "plateau_sip_blocked_sources",
       gauge,
       "Source addresses blocked now after repeated authentication failures.",
       {},
       {}},
      {Metric::rtp_packets_total,
       "plateau_rtp_packets_total",
       counter,
       "RTP packets by direction (in: received, out: sent).",
       {"direction"},
       {}},
      {Metric::rtp_lost_packets_total,
       "plateau_rtp_lost_packets_total",
       counter,
       "RTP packets missing from received streams (sequence gaps).",
       {},
       {}},
      {Metric::recordings_active,
       "plateau_recordings_active",
       gauge,
       "Recordings being written now.",
       {},
       {}},
      {Metric::recording_errors_total,
       "plateau_recording_errors_total",
       counter,
       "Recordings that failed to open or write.",
       {},
       {}},
      {Metric::store_pending_jobs,
       "plateau_store_pending_jobs",
       gauge,
       "Jobs waiting for the store worker.",
       {},
       {}},
      {Metric::store_commits_total,
       "plateau_store_commits_total",
       counter,
       "Transactions committed by the store worker.",
       {},
       {}},
      {Metric::media_tick_seconds,
       "plateau_media_tick_seconds",
       histogram,
       "Seconds spent in one 20 ms media tick (mixing, playback, recording hand-off).",
       {},
       tick_buckets},
      {Metric::webhook_requests_total,
       "plateau_webhook_requests_total",
       counter,
       "Webhook calls by result: the reply's status class (2xx, 3xx, 4xx, 5xx, other_status) or the failure "
       "(timeout, connect, tls, too_large, http, bad_url, bad_request).",
       {"result"},
       {}},
      {Metric::webhook_seconds,
       "plateau_webhook_seconds",
       histogram,
       "Seconds from the start of a webhook call to its reply or failure.",
       {},
       webhook_buckets},
      {Metric::ivr_calls_total,
       "plateau_ivr_calls_total",
       counter,
       "Calls that ran an IVR flow (tenant/flow), by how the IVR ended: enqueued, served, voicemail, "
       "transferred, callback, abandoned, failed.",
       {"flow", "end"},
       {}},
      {Metric::cti_clients,
       "plateau_cti_clients",
       gauge,
       "WebSocket clients of the CTI event stream connected now.",
       {},
       {}},
      {Metric::cti_events_sent_total,
       "plateau_cti_events_sent_total",
       counter,
       "CTI events queued to WebSocket clients (one per client and event).",
       {},
       {}},
      {Metric::cti_slow_clients_dropped_total,
       "plateau_cti_slow_clients_dropped_total",
       counter,
       "WebSocket clients disconnected because they did not read their events fast enough.",
       {},
       {}},
      {Metric::ws_connections,
       "plateau_ws_connections",
       gauge,
       "WebSocket connections open now, by the highest role of their user (agent, supervisor, administrator, "
       "api_token).",
       {"kind"},
       {}},
      {Metric::supervision_snapshot_seconds,
       "plateau_supervision_snapshot_seconds",
       histogram,
       "Seconds spent building and serialising one tenant's wallboard snapshot (supervision.snapshot.v1).",
       {},
       snapshot_buckets},
      {Metric::build_info,
       "plateau_build_info",
       gauge,
       "Always 1; the version label names the running build.",
       {"version"},
       {}},
      {Metric::process_start_time_seconds,
       "plateau_process_start_time_seconds",
       gauge,
       "Start time of the process, seconds since the Unix epoch.",
       {},
       {}},
  };
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

// Words that, inside a label name, betray an unbounded or personal value.
bool is_forbidden_label(std::string_view label) {
  static const std::set<std::string_view> kWords = {"id",   "ids",    "number", "num",   "phone", "msisdn",
                                                    "call", "caller", "callee", "agent", "login", "user",
                                                    "uri",  "ani",    "dnis",   "cli",   "email", "ip"};
  size_t start = 0;
  while (start <= label.size()) {
    size_t end = label.find('_', start);
    if (end == std::string_view::npos) end = label.size();
    if (kWords.count(label.substr(start, end - start))) return true;
    start = end + 1;
  }
  return false;
}

const std::vector<MetricDef>& catalogue() {
  static const std::vector<MetricDef> table = build();
  return table;
}

const MetricDef& def(Metric m) { return catalogue().at(static_cast<size_t>(m)); }

std::string_view type_name(Type t) {
  switch (t) {
    case counter:
      return "counter";
    case gauge:
      return "gauge";
    case histogram:
      return "histogram";
  }
  return "untyped";
}

Status validate_catalogue() {
  auto fail = [](const MetricDef& d, std::string why) {
    return make_error("metrics.catalogue", std::string(d.name) + ": " + why);
  };
  std::set<std::string_view> names;
  const auto& table = catalogue();
  for (size_t i = 0; i < table.size(); ++i) {
    const MetricDef& d = table[i];
    if (static_cast<size_t>(d.id) != i) return fail(d, "row " + std::to_string(i) + " is out of enum order");
    if (!d.name.starts_with("plateau_")) return fail(d, "name lacks the plateau_ prefix");
    if (!names.insert(d.name).second) return fail(d, "name declared twice");
    if (d.help.empty()) return fail(d, "help is empty");
    if ((d.type == counter) != ends_with(d.name, "_total"))
      return fail(d, "only counters, and all counters, end in _total");
    if (d.type == histogram) {
      if (d.buckets.empty()) return fail(d, "histogram without buckets");
      if (!std::is_sorted(d.buckets.begin(), d.buckets.end()) ||
          std::adjacent_find(d.buckets.begin(), d.buckets.end()) != d.buckets.end())
        return fail(d, "buckets are not strictly ascending");
    } else if (!d.buckets.empty()) {
      return fail(d, "buckets on a non-histogram");
    }
    std::set<std::string_view> seen;
    for (std::string_view l : d.labels) {
      if (l.empty() || l.starts_with("__") || l == "le")
        return fail(d, "reserved label name \"" + std::string(l) + "\"");
      if (!seen.insert(l).second) return fail(d, "label \"" + std::string(l) + "\" repeated");
      if (is_forbidden_label(l))
        return fail(d, "label \"" + std::string(l) + "\" would carry a number, call, agent or id");
    }
  }
  return {};
}

}  // namespace plateau::metrics
