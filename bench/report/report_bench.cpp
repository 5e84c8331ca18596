// report_bench.cpp — KPI reports over a large event log (bench/README.md).
//
//   plateau-report-bench generate --db FILE --events N [--start 2026-03-01]
//     writes N events of a simulated 70-position site (several queues, 24/7, Poisson arrivals with a daily
//     profile, answers, abandons, holds, transfers, wrap-ups, breaks) straight into a Plateau database, in
//     time order, through the store's own schema.
//   plateau-report-bench report --db FILE --from 2026-03-01 --to 2026-03-31 [--interval 15m] [--by queue]
//     times the report as the API runs it (store::EventReader + report::Aggregator + roll-up + KPIs of every
//     row) and prints the figures with the peak resident memory of the process.
// Main thread only.
#include <sqlite3.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <queue>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench/common/process_memory.h"
#include "report/aggregator.h"
#include "report/kpi.h"
#include "report/zone.h"
#include "store/event_reader.h"
#include "store/sqlite_store.h"

using namespace plateau;

namespace {

constexpr const char* kTenant = "bench";
constexpr int kAgents = 70;
constexpr int kQueues = 6;

struct Ev {
  int64_t ts;
  uint64_t seq;
  std::string kind, call, agent, data;
  bool operator>(const Ev& o) const { return ts != o.ts ? ts > o.ts : seq > o.seq; }
};

size_t peak_rss_bytes() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  return 0;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

int generate(const std::string& path, int64_t events, const std::string& start) {
  {
    auto st = store::open_sqlite(path);  // the schema, as Plateau creates it
    if (!st) {
      std::fprintf(stderr, "%s\n", st.error().message.c_str());
      return 1;
    }
  }
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return 1;
  sqlite3_exec(db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000; BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO events(ts_ms, tenant, kind, call_id, agent, data_json) VALUES(?,?,?,?,?,?)", -1,
                     &ins, nullptr);
  auto zone = report::Zone::locate("Africa/Casablanca").value();
  const int64_t t_begin = zone.day_start(start).value();

  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(0, 1);
  std::priority_queue<Ev, std::vector<Ev>, std::greater<Ev>> pending;
  uint64_t seq = 0;
  int64_t written = 0;
  auto emit = [&](int64_t ts, std::string kind, std::string call, std::string agent, std::string data) {
    pending.push(Ev{ts, seq++, std::move(kind), std::move(call), std::move(agent), std::move(data)});
  };
  auto flush_before = [&](int64_t ts) {
    while (!pending.empty() && pending.top().ts < ts && written < events) {
      const Ev& e = pending.top();
      sqlite3_bind_int64(ins, 1, e.ts);
      sqlite3_bind_text(ins, 2, kTenant, -1, SQLITE_STATIC);
      sqlite3_bind_text(ins, 3, e.kind.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 4, e.call.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 5, e.agent.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 6, e.data.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_step(ins);
      sqlite3_reset(ins);
      pending.pop();
      if (++written % 1'000'000 == 0) {
        sqlite3_exec(db, "COMMIT; BEGIN", nullptr, nullptr, nullptr);
        std::fprintf(stderr, "  %lld events\n", static_cast<long long>(written));
      }
    }
  };

  // Agents: free from, and the state they are in since when (for in_previous_ms).
  struct Agent {
    std::string login;
    int64_t free_at, since;
  };
  std::vector<Agent> agents;
  for (int i = 0; i < kAgents; ++i) {
    agents.push_back({"a" + std::to_string(1000 + i), t_begin, t_begin});
    emit(t_begin, "agent.state", "", agents.back().login,
         R"({"from":"logged_out","to":"ready","from_reason":"","reason":"login","actor":"agent","pending":"","in_previous_ms":0})");
  }
  auto state = [&](Agent& a, int64_t ts, const char* from, const char* to, const std::string& from_reason,
                   const std::string& reason, const std::string& call) {
    emit(ts, "agent.state", call, a.login,
         std::string(R"({"from":")") + from + R"(","to":")" + to + R"(","from_reason":")" + from_reason +
             R"(","reason":")" + reason + R"(","actor":"system","pending":"","in_previous_ms":)" +
             std::to_string(ts - a.since) + "}");
    a.since = ts;
  };

  // About 13,000 contacts a day, busiest 08:00-20:00.
  int64_t t = t_begin;
  uint64_t n = 0;
  std::exponential_distribution<double> handle(1.0 / 200.0), patience(1.0 / 90.0);
  while (written < events) {
    const double hour = std::fmod(static_cast<double>(t - t_begin) / 3.6e6, 24.0);
    // 70 agents handle about 0.27 contacts a second (4 min 20 s each with ring and wrap-up).
    const double per_s = (hour >= 8 && hour < 20 ? 0.25 : 0.06);
    t += static_cast<int64_t>(-std::log(1 - u(rng)) / per_s * 1000.0) + 1;
    flush_before(t);
    const std::string call = "call-" + std::to_string(++n);
    const std::string queue = "q" + std::to_string(static_cast<int>(u(rng) * u(rng) * kQueues));
    emit(t, "call.arrived", call, "", R"({"number":"0522000000","caller":"0661234567"})");
    emit(t, "call.queued", call, "", R"({"queue":")" + queue + R"(","priority":0})");
    emit(t, "contact.queued", call, "", R"({"kind":"inbound","priority":0,"requires":"","queue":")" + queue + "\"}");
    Agent* best = &agents[0];
    for (auto& a : agents)
      if (a.free_at < best->free_at) best = &a;
    Agent& a = *best;
    const int64_t offer = std::max(t, a.free_at);
    const int64_t gives_up = t + static_cast<int64_t>(patience(rng) * 1000);
    if (gives_up < offer + 4000) {  // abandons before an agent answers
      emit(gives_up, "contact.left", call, "",
           R"({"reason":"abandoned","position":1,"waited_ms":)" + std::to_string(gives_up - t) + R"(,"queue":")" +
               queue + "\"}");
      emit(gives_up, "call.ended", call, "",
           R"({"outcome":"abandoned","reason":"caller_hangup","queue":")" + queue + R"(","wait_ms":)" +
               std::to_string(gives_up - t) + R"(,"ring_ms":0,"talk_ms":0,"hold_ms":0,"holds":0,"transfers":0})");
      continue;
    }
    const int64_t ring = 2000 + static_cast<int64_t>(u(rng) * 3000);
    const int64_t answer = offer + ring;
    const int64_t talk = 30'000 + static_cast<int64_t>(handle(rng) * 1000);
    const int64_t end = answer + talk;
    const int64_t wrap = 10'000 + static_cast<int64_t>(u(rng) * 30'000);
    state(a, offer, "ready", "reserved", "", "", call);
    emit(offer, "call.offered", call, a.login,
         R"({"caller":"0661234567","number":"0522000000","queue":")" + queue +
             R"(","attached":{},"direction":"inbound","kind":"inbound"})");
    emit(offer + 200, "call.ringing", call, a.login, R"({"queue":")" + queue + "\"}");
    emit(answer, "call.answered", call, a.login,
         R"({"queue":")" + queue + R"(","wait_ms":)" + std::to_string(answer - t) + R"(,"ring_ms":)" +
             std::to_string(ring) + R"(,"first":true})");
    state(a, answer, "reserved", "busy", "", "", call);
    int64_t hold = 0;
    if (u(rng) < 0.1) {
      const int64_t h = answer + talk / 3;
      hold = 20'000;
      emit(h, "call.held", call, a.login, R"({"holds":1})");
      emit(h + hold, "call.retrieved", call, a.login, R"({"hold_ms":20000,"held_ms":20000})");
    }
    if (u(rng) < 0.03) emit(end - 1000, "call.transferred", call, a.login,
                            R"({"mode":"blind","to_type":"queue","target":"q0","to_agent":""})");
    emit(end, "call.ended", call, a.login,
         R"({"outcome":"answered","reason":"caller_hangup","queue":")" + queue + R"(","wait_ms":)" +
             std::to_string(answer - t) + R"(,"ring_ms":)" + std::to_string(ring) + R"(,"talk_ms":)" +
             std::to_string(talk + hold) + R"(,"hold_ms":)" + std::to_string(hold) + R"(,"holds":0,"transfers":0})");
    state(a, end, "busy", "wrap_up", "", "", call);
    int64_t free_at = end + wrap;
    if (u(rng) < 0.04) {
      state(a, free_at, "wrap_up", "not_ready", "", "break", call);
      const int64_t back = free_at + 300'000 + static_cast<int64_t>(u(rng) * 600'000);
      state(a, back, "not_ready", "ready", "break", "", "");
      free_at = back;
    } else {
      state(a, free_at, "wrap_up", "ready", "", "wrap_up_done", call);
    }
    a.free_at = free_at;
  }
  flush_before(INT64_MAX);
  sqlite3_finalize(ins);
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  std::printf("generated %lld events (%llu contacts) from %s to %s\n", static_cast<long long>(written),
              static_cast<unsigned long long>(n), zone.iso(t_begin).c_str(), zone.iso(t).c_str());
  return 0;
}

int run_report(const std::string& path, const std::string& from, const std::string& to, const std::string& interval,
               const std::string& by) {
  auto zone = report::Zone::locate("Africa/Casablanca").value();
  auto iv = report::parse_interval(interval);
  if (!iv) {
    std::fprintf(stderr, "%s\n", iv.error().message.c_str());
    return 2;
  }
  report::Options o;
  o.from_ms = zone.day_start(from).value();
  o.to_ms = zone.day_end(to).value();
  o.by = by == "agent" ? report::By::agent : by == "tenant" ? report::By::tenant : report::By::queue;
  o.zone = zone;
  o.interval = *iv;
  for (int i = 0; i < kAgents; ++i)
    for (int q = 0; q < kQueues; ++q) o.agent_queues["a" + std::to_string(1000 + i)].push_back("q" + std::to_string(q));
  const size_t rss_before = bench::rss_bytes();
  const auto t0 = std::chrono::steady_clock::now();
  auto reader = store::EventReader::open(path);
  if (!reader) {
    std::fprintf(stderr, "%s\n", reader.error().message.c_str());
    return 1;
  }
  report::Aggregator agg(o);
  auto seeds = (*reader)->agent_states_before(kTenant, o.from_ms, 24LL * 3600 * 1000);
  if (!seeds) return 1;
  for (const auto& s : *seeds)
    if (s.state != "logged_out") agg.seed_agent(s.agent, s.state, s.reason, s.since_ms);
  const int64_t until = o.to_ms + 4LL * 3600 * 1000;
  size_t max_open = 0;
  auto n = (*reader)->for_each(kTenant, o.from_ms, until, [&](const report::Event& e) {
    agg.add(e);
    if ((e.id & 0xffff) == 0) max_open = std::max(max_open, agg.open_contacts());
  });
  if (!n) {
    std::fprintf(stderr, "%s\n", n.error().message.c_str());
    return 1;
  }
  agg.finish(until);
  const double read_s = seconds_since(t0);
  auto rows = report::roll_up(agg.table(), zone, *iv, o.from_ms, o.to_ms);
  double checksum = 0;
  for (const auto& r : rows) {
    auto k = report::kpis(r.counters, r.end - r.start);
    checksum += k.sl_strict.value_or(0) + k.occupancy.value_or(0);
  }
  const double total_s = seconds_since(t0);
  const auto k = report::kpis(agg.total(), o.to_ms - o.from_ms);
  std::printf("report %s..%s interval %s by %s: %lld events read, %zu rows, %.2f s (read and aggregate %.2f s), "
              "%.0f events/s\n",
              from.c_str(), to.c_str(), interval.c_str(), by.c_str(), static_cast<long long>(*n), rows.size(),
              total_s, read_s, static_cast<double>(*n) / total_s);
  std::printf("  offered %lld, answered %lld, abandoned %lld, sl_strict(20 s) %.4f, asa %.1f s, aht %.1f s, "
              "occupancy %.4f, staffed %.1f (checksum %.3f)\n",
              static_cast<long long>(agg.total().offered), static_cast<long long>(agg.total().answered),
              static_cast<long long>(agg.total().abandoned), k.sl_strict.value_or(0), k.asa_s.value_or(0),
              k.aht_s.value_or(0), k.occupancy.value_or(0), k.staffed_agents, checksum);
  std::printf("  calls in progress at most %zu; RSS before %.1f MiB, peak %.1f MiB\n", max_open,
              static_cast<double>(rss_before) / 1048576.0, static_cast<double>(peak_rss_bytes()) / 1048576.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Plateau report benchmark"};
  app.require_subcommand(1);
  std::string db = "/tmp/plateau-report-bench.db", start = "2026-03-01", from = "2026-03-01", to = "2026-03-31";
  std::string interval = "15m", by = "queue";
  int64_t events = 10'000'000;
  auto* gen = app.add_subcommand("generate", "write the events");
  gen->add_option("--db", db);
  gen->add_option("--events", events);
  gen->add_option("--start", start);
  auto* rep = app.add_subcommand("report", "time a report");
  rep->add_option("--db", db);
  rep->add_option("--from", from);
  rep->add_option("--to", to);
  rep->add_option("--interval", interval);
  rep->add_option("--by", by);
  CLI11_PARSE(app, argc, argv);
  if (gen->parsed()) return generate(db, events, start);
  return run_report(db, from, to, interval, by);
}
