#include "app/supervision_service.h"

#include <algorithm>
#include <chrono>
#include <limits>

#include "app/access.h"
#include "cti/topic.h"
#include "supervision/day.h"

namespace plateau::app {

using nlohmann::json;

Result<std::vector<store::EventRecord>> todays_events(store::Store& store, const core::Directory& dir,
                                                      int64_t now_ms) {
  int64_t from = std::numeric_limits<int64_t>::max();
  for (const auto& t : dir.all().tenants)
    from = std::min(from, supervision::local_day(t.timezone, now_ms).start_ms);
  std::vector<store::EventRecord> out;
  if (from == std::numeric_limits<int64_t>::max()) return out;
  // Pages by time: the next page starts at the last page's last instant,
  // skipping the events of that instant already read.
  store::EventQuery q;
  q.from_ms = from;
  q.limit = store::CallQuery::kMaxLimit;
  for (;;) {
    auto page = store.query_events(q);
    if (!page) return page.error();
    out.insert(out.end(), page->begin(), page->end());
    if (static_cast<int>(page->size()) < q.limit) return out;
    const int64_t last = page->back().ts_ms;
    const int same = static_cast<int>(std::count_if(page->begin(), page->end(),
                                                    [&](const store::EventRecord& e) { return e.ts_ms == last; }));
    q.offset = last == q.from_ms ? q.offset + same : same;
    q.from_ms = last;
  }
}

SupervisionService::SupervisionService(boost::asio::io_context& io, const core::Router& router, CtiHub& hub,
                                       metrics::Registry& registry, std::function<int64_t()> clock_ms)
    : router_(router),
      hub_(hub),
      build_seconds_(registry.histogram(metrics::Metric::supervision_snapshot_seconds)),
      clock_ms_(std::move(clock_ms)),
      timer_(io) {
  hub_.set_supervision_source([this](const std::string& tenant) { return snapshot(tenant); });
}

void SupervisionService::replay(const std::vector<store::EventRecord>& events) {
  const core::Directory& dir = router_.directory();
  for (const auto& e : events) board_.on_event({e.ts_ms, e.tenant, e.kind, e.call_id, e.agent, e.data_json}, dir);
  board_.end_of_replay();
}

void SupervisionService::on_log(const core::LogEvent& ev) { board_.on_event(ev, router_.directory()); }

std::optional<json> SupervisionService::snapshot(const std::string& tenant) {
  const core::Directory& dir = router_.directory();
  if (!dir.tenant(tenant)) return std::nullopt;
  return board_.snapshot(tenant, clock_ms_(), dir, router_.agents(), router_.queues());
}

void SupervisionService::add_routes(http::Router& r) {
  r.get("/api/v1/tenants/{tenant}/supervision", [this](const http::Request& req, http::Responder res) {
    const std::string tenant = req.params.at("tenant");
    if (auto refused = refuse(req, tenant, Role::Supervisor)) return res.send(std::move(*refused));
    auto s = snapshot(tenant);
    if (!s) return res.send(not_found_for_tenant());
    res.send(http::json_response(200, s->dump()));
  });
}

void SupervisionService::start() {
  timer_.expires_after(std::chrono::seconds(1));
  wait();
}

// Fixed deadlines one second apart: the time a push takes does not stretch the period.
void SupervisionService::wait() {
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    tick();
    const auto now = boost::asio::steady_timer::clock_type::now();
    auto next = timer_.expiry() + std::chrono::seconds(1);
    if (next <= now) next = now + std::chrono::milliseconds(100);  // far behind (a stalled loop): no burst
    timer_.expires_at(next);
    wait();
  });
}

void SupervisionService::stop() { timer_.cancel(); }

void SupervisionService::tick() {
  const auto tenants = hub_.supervised_tenants();
  if (tenants.empty()) return;  // nobody watching: no work
  const core::Directory& dir = router_.directory();
  const auto agents = router_.agents();
  const auto queues = router_.queues();
  const int64_t now = clock_ms_();
  for (const auto& tenant : tenants) {
    if (!dir.tenant(tenant)) continue;
    const auto t0 = std::chrono::steady_clock::now();
    hub_.publish(cti::supervision_topic(tenant), "supervision.snapshot.v1", now,
                 board_.snapshot(tenant, now, dir, agents, queues));
    build_seconds_.observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
}

}  // namespace plateau::app
