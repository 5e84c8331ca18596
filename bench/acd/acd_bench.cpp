// acd_bench.cpp — plateau-acd-bench: time of single routing decisions of the
// ACD engine on a loaded steady state, beside a naive scan, from 100 to
// 10,000 agents; and the engine's memory per agent and per contact.
// bench/README.md explains the method and gives the reference figures.
//
// Each run (one agent count) measures in two phases on the same engine:
// first the engine alone (its caches warm with its own data, as when it is
// busy), then the naive scan before each engine call (the scan decides the
// same thing on the same data; the engine calls of this phase, their caches
// flushed by the scan, are reported as "after a scan").
#include <CLI/CLI.hpp>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/acd/routing_sim.h"
#include "bench/acd/workload.h"

namespace ab = plateau::acd::bench;

namespace {

struct Stats {
  double p50 = 0, p90 = 0, p99 = 0, max = 0;  // µs
  size_t n = 0;
};

Stats stats(std::vector<int64_t> v) {
  Stats s;
  s.n = v.size();
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    return static_cast<double>(v[static_cast<size_t>(q * static_cast<double>(v.size() - 1))]) / 1e3;
  };
  s.p50 = at(0.50);
  s.p90 = at(0.90);
  s.p99 = at(0.99);
  s.max = static_cast<double>(v.back()) / 1e3;
  return s;
}

// The decisions of one kind (contact arrives, or agent ready) in one run.
struct Kind {
  std::vector<int64_t> engine, naive, engine_after_scan;
  size_t offered = 0, same = 0, differs = 0;
  Stats e, n, cold;

  void add(const ab::Decision& d, bool naive_phase) {
    if (!naive_phase) {
      engine.push_back(d.engine_ns);
      offered += d.offered ? 1 : 0;
      return;
    }
    naive.push_back(d.naive_ns);
    engine_after_scan.push_back(d.engine_ns);
    same += d.agreement == ab::Agreement::Same ? 1 : 0;
    differs += d.agreement == ab::Agreement::Differs ? 1 : 0;
  }
  void finish() {
    e = stats(std::move(engine));
    n = stats(std::move(naive));
    cold = stats(std::move(engine_after_scan));
  }
  double offered_pct() const { return e.n ? 100.0 * static_cast<double>(offered) / static_cast<double>(e.n) : 0; }
  double ratio() const { return e.p50 > 0 ? n.p50 / e.p50 : 0; }
};

struct Run {
  int agents = 0, queues = 0;
  size_t contacts = 0;  // in the engine after the fill (waiting or connected)
  ab::Population pop;
  Kind arrive, ready;
  double heap_agent = 0, heap_contact = 0, rss_agent = 0, rss_contact = 0, rss_total = 0;  // bytes
  size_t violations = 0;
  double seconds = 0;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"plateau-acd-bench: ACD routing decisions (contact arrives, agent becomes ready) on a loaded engine, "
               "with a naive scan as baseline"};
  std::vector<int> sizes = {100, 300, 1000, 3000, 10000};
  int queues = 0, contacts = 0, skills = 100, variants = 0, warmup = 2000;
  size_t samples = 100000;
  double seconds = 0;
  uint64_t seed = 1;
  bool csv = false, no_naive = false;
  app.add_option("--agents", sizes, "agent counts, one run each (comma-separated)")->delimiter(',');
  app.add_option("--queues", queues, "queues (default: agents / 10)");
  app.add_option("--contacts", contacts, "waiting contacts in the steady state (default: agents / 2)");
  app.add_option("--skills", skills, "skills, 4 languages included");
  app.add_option("--variants", variants, "contact requirements per queue (default: 3-6 drawn per queue)");
  app.add_option("--samples", samples, "agent-ready decisions measured per phase and run (arrivals: as many or more)");
  app.add_option("--seconds", seconds, "measure each phase for this long instead of --samples");
  app.add_option("--warmup", warmup, "unmeasured steady-state rounds before measuring");
  app.add_option("--seed", seed, "workload and event seed");
  app.add_flag("--csv", csv, "one CSV line per run instead of the tables");
  app.add_flag("--no-naive", no_naive, "engine only: no naive phase (for profiling)");
  CLI11_PARSE(app, argc, argv);

  std::vector<Run> runs;
  for (int agents : sizes) {
    const auto t_run = std::chrono::steady_clock::now();
    ab::WorkloadSize size;
    size.agents = agents;
    size.queues = queues;
    size.contacts = contacts;
    size.skills = skills;
    size.variants = variants;
    size.seed = seed;
    const ab::Workload w = ab::make_workload(size);
    ab::RoutingSim sim(w, {.seed = seed});

    Run run;
    run.agents = agents;
    run.queues = size.queue_count();
    malloc_trim(0);  // the previous run's pages go back to the system: RSS growth is this run's
    const size_t h0 = ab::heap_bytes(), r0 = ab::rss_bytes();
    if (auto st = sim.start(); !st) {
      std::fprintf(stderr, "start: %s\n", st.error().message.c_str());
      return 1;
    }
    const size_t h1 = ab::heap_bytes(), r1 = ab::rss_bytes();
    if (auto st = sim.fill(); !st) {
      std::fprintf(stderr, "fill: %s\n", st.error().message.c_str());
      return 1;
    }
    const size_t h2 = ab::heap_bytes(), r2 = ab::rss_bytes();
    run.contacts = sim.engine().contact_count();
    run.heap_agent = static_cast<double>(h1 - h0) / agents;
    run.rss_agent = static_cast<double>(r1 - r0) / agents;
    run.heap_contact = static_cast<double>(h2 - h1) / static_cast<double>(run.contacts);
    run.rss_contact = static_cast<double>(r2 - r1) / static_cast<double>(run.contacts);
    run.rss_total = static_cast<double>(r2);

    // One round: an agent becomes ready, then contacts arrive until the
    // target number waits again (one at least); abandons and breaks after.
    auto round = [&](bool measure, bool naive) {
      auto d = sim.agent_ready(naive);
      if (measure) run.ready.add(d, naive);
      int extra = 0;
      do {
        d = sim.contact_arrives(naive);
        if (measure) run.arrive.add(d, naive);
      } while (sim.waiting() < sim.waiting_target() && ++extra < 8);
      sim.rebalance();
    };
    for (int i = 0; i < warmup; ++i) round(false, false);
    for (bool naive : {false, true}) {
      if (naive && no_naive) break;
      const auto& counted = naive ? run.ready.naive : run.ready.engine;
      const auto t0 = std::chrono::steady_clock::now();
      auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
      while (seconds > 0 ? (elapsed() < seconds || counted.size() < 100) : counted.size() < samples)
        round(true, naive);
    }
    run.pop = sim.population();
    run.violations = sim.engine().self_check().size();
    run.arrive.finish();
    run.ready.finish();
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_run).count();
    std::fprintf(stderr, "%d agents: %zu agent-ready + %zu contact-arrival decisions measured in %.1f s\n", agents,
                 run.ready.e.n, run.arrive.e.n, run.seconds);
    runs.push_back(std::move(run));
  }

  bool bad = false;
  for (const auto& r : runs) bad = bad || r.violations > 0 || r.arrive.differs > 0 || r.ready.differs > 0;

  if (csv) {
    std::printf(
        "agents,queues,waiting,contacts,busy,ready,not_ready,classes,"
        "arrive_n,arrive_p50_us,arrive_p90_us,arrive_p99_us,arrive_max_us,arrive_offered_pct,"
        "ready_n,ready_p50_us,ready_p90_us,ready_p99_us,ready_max_us,ready_offered_pct,"
        "naive_arrive_p50_us,naive_arrive_p99_us,naive_ready_p50_us,naive_ready_p99_us,ratio_arrive,ratio_ready,"
        "after_scan_arrive_p50_us,after_scan_arrive_p99_us,after_scan_ready_p50_us,after_scan_ready_p99_us,"
        "agree_arrive,differ_arrive,agree_ready,differ_ready,"
        "heap_per_agent_b,heap_per_contact_b,rss_per_agent_b,rss_per_contact_b,rss_total_b,self_check_violations\n");
    for (const auto& r : runs) {
      std::printf("%d,%d,%zu,%zu,%zu,%zu,%zu,%zu,", r.agents, r.queues, r.pop.waiting, r.contacts, r.pop.busy,
                  r.pop.ready, r.pop.not_ready, r.pop.classes);
      for (const Kind* k : {&r.arrive, &r.ready})
        std::printf("%zu,%.2f,%.2f,%.2f,%.2f,%.1f,", k->e.n, k->e.p50, k->e.p90, k->e.p99, k->e.max, k->offered_pct());
      std::printf("%.2f,%.2f,%.2f,%.2f,%.1f,%.1f,", r.arrive.n.p50, r.arrive.n.p99, r.ready.n.p50, r.ready.n.p99,
                  r.arrive.ratio(), r.ready.ratio());
      std::printf("%.2f,%.2f,%.2f,%.2f,", r.arrive.cold.p50, r.arrive.cold.p99, r.ready.cold.p50, r.ready.cold.p99);
      std::printf("%zu,%zu,%zu,%zu,", r.arrive.same, r.arrive.differs, r.ready.same, r.ready.differs);
      std::printf("%.0f,%.0f,%.0f,%.0f,%.0f,%zu\n", r.heap_agent, r.heap_contact, r.rss_agent, r.rss_contact,
                  r.rss_total, r.violations);
    }
    return bad ? 1 : 0;
  }

  std::printf("ACD routing decisions on a loaded engine (seed %" PRIu64 ", %d skills): µs per engine call\n\n", seed,
              std::max(12, skills));
  std::printf("| agents | queues | waiting | busy / ready / not ready | contact arrives p50 / p99 | agent ready p50 / p99 "
              "| naive arrives p50 / p99 | naive ready p50 / p99 | naive ÷ engine (p50): arrives, ready |\n");
  std::printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
  for (const auto& r : runs) {
    std::printf("| %d | %d | %zu | %zu / %zu / %zu | %.2f / %.2f | %.2f / %.2f | ", r.agents, r.queues, r.pop.waiting,
                r.pop.busy, r.pop.ready, r.pop.not_ready, r.arrive.e.p50, r.arrive.e.p99, r.ready.e.p50,
                r.ready.e.p99);
    if (no_naive) std::printf("- | - | - |\n");
    else
      std::printf("%.1f / %.1f | %.1f / %.1f | %.1f×, %.1f× |\n", r.arrive.n.p50, r.arrive.n.p99, r.ready.n.p50,
                  r.ready.n.p99, r.arrive.ratio(), r.ready.ratio());
  }
  std::printf("\n| agents | arrives p90 / max | ready p90 / max | after a scan: arrives p50 / p99, ready p50 / p99 "
              "| offers: arrives, ready | naive agrees: arrives, ready | classes | decisions: arrives, ready | self_check |\n");
  std::printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
  for (const auto& r : runs) {
    const std::string check = r.violations ? std::to_string(r.violations) + " violations" : "ok";
    std::printf("| %d | %.2f / %.0f | %.2f / %.0f | %.2f / %.2f, %.2f / %.2f | %.0f %%, %.0f %% | %zu/%zu, %zu/%zu "
                "| %zu | %zu, %zu | %s |\n",
                r.agents, r.arrive.e.p90, r.arrive.e.max, r.ready.e.p90, r.ready.e.max, r.arrive.cold.p50,
                r.arrive.cold.p99, r.ready.cold.p50, r.ready.cold.p99, r.arrive.offered_pct(), r.ready.offered_pct(),
                r.arrive.same, r.arrive.same + r.arrive.differs, r.ready.same, r.ready.same + r.ready.differs,
                r.pop.classes, r.arrive.e.n, r.ready.e.n, check.c_str());
  }
  std::printf("\n| agents | contacts in engine | heap per agent | heap per contact | RSS per agent | RSS per contact "
              "| RSS of the process |\n");
  std::printf("| --- | --- | --- | --- | --- | --- | --- |\n");
  for (const auto& r : runs) {
    std::printf("| %d | %zu | %.0f B | %.0f B | %.0f B | %.0f B | %.1f MiB |\n", r.agents, r.contacts, r.heap_agent,
                r.heap_contact, r.rss_agent, r.rss_contact, r.rss_total / 1048576.0);
  }
  if (bad) std::printf("\nFAILED: self_check violations or naive/engine disagreement (see above)\n");
  return bad ? 1 : 0;
}
