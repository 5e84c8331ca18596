#include "app/metrics_bridge.h"

#include <map>

namespace plateau::app {

using metrics::Metric;

namespace {
constexpr int64_t kShortAbandonMs = 5000;  // abandons within 5 s are "short" (DOMAIN.md: 5 to 10 s)
}

MetricsBridge::MetricsBridge(metrics::Registry& registry) : r_(registry) {}

void MetricsBridge::call_ended(const model::CallRecord& rec) {
  r_.counter(Metric::calls_total, {model::to_string(rec.outcome)}).inc();
  if (!rec.flow.empty()) r_.counter(Metric::ivr_calls_total, {rec.tenant + "/" + rec.flow, rec.ivr_end}).inc();
  if (rec.queue.empty()) return;
  const std::string queue = rec.tenant + "/" + rec.queue;
  r_.counter(Metric::queue_offered_total, {queue}).inc();
  const double wait_s = static_cast<double>(rec.wait_ms) / 1000.0;
  switch (rec.outcome) {
    case model::CallOutcome::Answered:
      r_.counter(Metric::queue_answered_total, {queue}).inc();
      r_.histogram(Metric::queue_wait_seconds, {queue, "answered"}).observe(wait_s);
      break;
    case model::CallOutcome::Abandoned:
      r_.counter(Metric::queue_abandoned_total, {queue, rec.wait_ms < kShortAbandonMs ? "true" : "false"}).inc();
      r_.histogram(Metric::queue_wait_seconds, {queue, "abandoned"}).observe(wait_s);
      break;
    default:
      r_.histogram(Metric::queue_wait_seconds, {queue, "other"}).observe(wait_s);
      break;
  }
}

void MetricsBridge::refresh(const core::Router& router, const sip::TelephonyStats& tel,
                            const store::StoreWorker& worker) {
  std::map<std::string, int> by_state;
  for (auto s : acd::kAgentStates) by_state[std::string(acd::to_string(s))] = 0;
  for (const auto& a : router.agents()) by_state[std::string(acd::to_string(a.state))]++;
  for (const auto& [state, n] : by_state) r_.gauge(Metric::agents, {state}).set(n);
  for (const auto& q : router.queues()) {
    const std::string queue = q.tenant + "/" + q.name;
    r_.gauge(Metric::queue_waiting, {queue}).set(q.waiting);
    r_.gauge(Metric::queue_oldest_wait_seconds, {queue}).set(static_cast<double>(q.oldest_wait_ms) / 1000.0);
    if (q.ewt_ms >= 0) r_.gauge(Metric::queue_estimated_wait_seconds, {queue}).set(static_cast<double>(q.ewt_ms) / 1000.0);
    for (auto s : acd::kAgentStates)
      r_.gauge(Metric::queue_agents, {queue, acd::to_string(s)}).set(q.agents[static_cast<size_t>(s)]);
  }
  r_.gauge(Metric::calls_active, {"inbound"}).set(static_cast<double>(tel.inbound_legs));
  r_.gauge(Metric::calls_active, {"agent_leg"}).set(static_cast<double>(tel.agent_legs));
  r_.gauge(Metric::calls_active, {"dialled"}).set(static_cast<double>(tel.dialled_legs));
  r_.gauge(Metric::registrations).set(static_cast<double>(tel.registered_phones));
  r_.gauge(Metric::sip_blocked_sources).set(static_cast<double>(tel.blocked_sources));
  r_.gauge(Metric::recordings_active).set(static_cast<double>(tel.recordings_active));
  r_.gauge(Metric::store_pending_jobs).set(static_cast<double>(worker.pending()));

  // Counters advance by what the telephony thread counted since the last refresh.
  auto delta = [](uint64_t now, uint64_t before) { return now >= before ? now - before : 0; };
  static constexpr std::string_view kDir[2] = {"in", "out"};
  static constexpr std::string_view kClass[6] = {"1xx", "2xx", "3xx", "4xx", "5xx", "6xx"};
  for (size_t d = 0; d < 2; ++d) {
    for (size_t m = 0; m < sip::kCountedMethods.size(); ++m)
      r_.counter(Metric::sip_requests_total, {sip::kCountedMethods[m], kDir[d]})
          .inc(delta(tel.sip.requests[d][m], last_.sip.requests[d][m]));
    for (size_t c = 0; c < 6; ++c)
      r_.counter(Metric::sip_responses_total, {kClass[c], kDir[d]})
          .inc(delta(tel.sip.responses[d][c], last_.sip.responses[d][c]));
  }
  r_.counter(Metric::rtp_packets_total, {"in"}).inc(delta(tel.rtp_rx, last_.rtp_rx));
  r_.counter(Metric::rtp_packets_total, {"out"}).inc(delta(tel.rtp_tx, last_.rtp_tx));
  r_.counter(Metric::rtp_lost_packets_total).inc(delta(tel.rtp_lost, last_.rtp_lost));
  r_.counter(Metric::sip_auth_failures_total).inc(delta(tel.auth_failures, last_.auth_failures));
  r_.counter(Metric::store_commits_total).inc(delta(worker.batches_committed(), store_commits_));
  store_commits_ = worker.batches_committed();
  last_ = tel;
}

}  // namespace plateau::app
