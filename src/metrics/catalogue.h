// catalogue.h — the one table of Plateau's Prometheus metrics.
//
// Every metric is declared once here (name, type, help, label names, histogram
// buckets); the registry, the /metrics text and docs/METRICS.md are all derived
// from this table. Rules the table obeys (checked by validate_catalogue()):
//   - one prefix, `plateau_`; base units (seconds, bytes); counters end in `_total`
//     and nothing else does;
//   - labels never carry phone numbers, call ids, agent ids or logins: those have
//     unbounded cardinality and are personal data; they belong in call records and
//     reports, not in time series. Labels name bounded sets (a queue, a direction,
//     an outcome, a state).
//
// Thread-safety: the table is immutable after first use; any thread may read it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace plateau::metrics {

enum class Type { counter, gauge, histogram };

// One enumerator per catalogue row, in table order (catalogue()[i].id == Metric(i)).
enum class Metric {
  sip_requests_total,
  sip_responses_total,
  calls_active,
  calls_total,
  call_setup_seconds,
  queue_waiting,
  queue_oldest_wait_seconds,
  queue_estimated_wait_seconds,
  queue_agents,
  queue_offered_total,
  queue_answered_total,
  queue_abandoned_total,
  queue_wait_seconds,
  agents,
  registrations,
  sip_auth_failures_total,
  sip_blocked_sources,
  rtp_packets_total,
  rtp_lost_packets_total,
  recordings_active,
  recording_errors_total,
  store_pending_jobs,
  store_commits_total,
  media_tick_seconds,
  webhook_requests_total,
  webhook_seconds,
  ivr_calls_total,
  cti_clients,
  cti_events_sent_total,
  cti_slow_clients_dropped_total,
  ws_connections,
  supervision_snapshot_seconds,
  build_info,
  process_start_time_seconds,
};

struct MetricDef {
  Metric id;
  std::string_view name;
  Type type;
  std::string_view help;
  std::vector<std::string_view> labels;  // label names, in rendering order
  std::vector<double> buckets;           // histograms only: upper bounds, ascending, without +Inf
};

// The whole catalogue, in declaration order.
const std::vector<MetricDef>& catalogue();

// The row of one metric.
const MetricDef& def(Metric m);

std::string_view type_name(Type t);

// True when a label name contains a word (split on '_') such as id, number,
// phone, call, caller, agent, login, user, uri: such labels are refused.
bool is_forbidden_label(std::string_view label);

// Checks the rules above (prefix, suffixes, unique names, sorted buckets, no
// label that names a number, call, agent or id). Error code "metrics.catalogue".
Status validate_catalogue();

}  // namespace plateau::metrics
