// The wallboard's cost with 1,000 agents and 100 queues (`make bench-wallboard`,
// bench/README.md): a provisioning file is generated (written beside the run for
// a real server: `plateau --provision <file>`), parsed and loaded into the real
// routing core; 1,000 agents log in (phones registered), some go not ready;
// a day of traffic is fed to the supervision board as log events (the replay
// at start); then, once per simulated second, the snapshot of the tenant is
// built from the core's views and serialised once, as the server does for the
// topic supervision:<tenant>. Prints time per snapshot, bytes, and the CPU share
// of one core it costs per second.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "bench/common/process_memory.h"
#include "common/clock.h"
#include "core/router.h"
#include "provision/provision.h"
#include "supervision/board.h"

using namespace plateau;
using Clk = std::chrono::steady_clock;

namespace {

double ms_since(Clk::time_point t0) { return std::chrono::duration<double, std::milli>(Clk::now() - t0).count(); }

std::string provisioning(int agents, int queues, int per_agent) {
  std::ostringstream f;
  f << "[[tenant]]\nname = \"site\"\ndisplay_name = \"Site de Casablanca\"\ntimezone = \"Africa/Casablanca\"\n\n";
  for (int q = 0; q < queues; ++q) {
    f << "[[queue]]\ntenant = \"site\"\nname = \"q" << q << "\"\ndisplay_name = \"File " << q
      << "\"\nsl_threshold = " << (q % 2 ? 20 : 30) << "\nwrapup = 10\n"
      << "thresholds = { waiting_amber = 5, waiting_red = 15 }\n\n";
  }
  for (int a = 0; a < agents; ++a) {
    const int login = 10000 + a;
    f << "[[phone]]\ntenant = \"site\"\nusername = \"" << login << "\"\npassword = \"pw" << login << "\"\n\n";
    f << "[[agent]]\ntenant = \"site\"\nlogin = \"" << login << "\"\nname = \"Agent " << login
      << "\"\nphone = \"" << login << "\"\nqueues = [";
    for (int k = 0; k < per_agent; ++k) f << (k ? ", " : "") << "\"q" << (a * 7 + k * 13) % queues << "\"";
    f << "]\n\n";
  }
  return f.str();
}

std::string queue_event(const std::string& q) { return nlohmann::json{{"queue", q}}.dump(); }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Wallboard snapshot cost: 1,000 agents, 100 queues"};
  int agents = 1000, queues = 100, per_agent = 3, seconds = 60, calls = 25000;
  std::string out = "wallboard.toml";
  app.add_option("--agents", agents, "agents (and phones)");
  app.add_option("--queues", queues, "queues");
  app.add_option("--queues-per-agent", per_agent, "queues each agent serves");
  app.add_option("--seconds", seconds, "simulated seconds of pushes");
  app.add_option("--calls", calls, "calls of the day replayed before the pushes");
  app.add_option("--write", out, "where to write the generated provisioning file");
  CLI11_PARSE(app, argc, argv);

  const std::string text = provisioning(agents, queues, per_agent);
  std::ofstream(out) << text;
  auto t0 = Clk::now();
  auto parsed = provision::parse_string(text, out);
  if (!parsed) {
    std::fprintf(stderr, "%s\n", parsed.error().message.c_str());
    return 1;
  }
  const double parse_ms = ms_since(t0);
  ManualClock clock(1796115600000);  // 2026-12-01 10:00 in Casablanca
  auto dir = std::make_shared<const core::Directory>(std::move(parsed.value()));
  core::Router router(clock, dir);
  std::mt19937 rng(42);
  for (int a = 0; a < agents; ++a)
    router.on_event(model::PhoneRegistration{std::to_string(10000 + a), true, 1});
  for (int a = 0; a < agents; a += 3) (void)router.set_not_ready("site", std::to_string(10000 + a), "lunch");

  // A day of traffic as log events (what the server reads back at start): per call
  // arrived, queued, offered, answered (or abandoned), ended, and the agent's states.
  supervision::Board board;
  std::vector<core::LogEvent> day;
  day.reserve(static_cast<size_t>(calls) * 9);
  int64_t ts = 1796115600000 - 8 * 3'600'000;
  for (int c = 0; c < calls; ++c) {
    ts += 1000;
    const std::string id = "20261201-" + std::to_string(c);
    const std::string q = "q" + std::to_string(rng() % static_cast<unsigned>(queues));
    const std::string agent = std::to_string(10000 + rng() % static_cast<unsigned>(agents));
    const int64_t wait = rng() % 60'000;
    day.push_back({ts, "site", "call.arrived", id, "", R"({"number":"0522000000","caller":"0612345678"})"});
    day.push_back({ts, "site", "call.queued", id, "", queue_event(q)});
    if (c % 10 == 0) {
      day.push_back({ts + wait, "site", "call.ended", id, "", R"({"outcome":"abandoned","reason":"caller_hangup"})"});
      continue;
    }
    day.push_back({ts + wait, "site", "call.offered", id, agent, R"({"caller":"0612345678","queue":")" + q + R"("})"});
    day.push_back({ts + wait, "site", "agent.state", id, agent, R"({"from":"ready","to":"reserved"})"});
    day.push_back({ts + wait + 3000, "site", "call.answered", id, agent, "{}"});
    day.push_back({ts + wait + 3000, "site", "agent.state", id, agent, R"({"from":"reserved","to":"busy"})"});
    day.push_back({ts + wait + 200'000, "site", "call.ended", id, agent, R"({"outcome":"answered","reason":"caller_hangup"})"});
    day.push_back({ts + wait + 200'000, "site", "agent.state", id, agent, R"({"from":"busy","to":"wrap_up"})"});
    day.push_back({ts + wait + 210'000, "site", "agent.state", id, agent, R"({"from":"wrap_up","to":"ready"})"});
  }
  const size_t heap0 = bench::heap_bytes();
  t0 = Clk::now();
  for (const auto& e : day) board.on_event(e, *dir);
  board.end_of_replay();
  const double replay_ms = ms_since(t0);
  const size_t heap1 = bench::heap_bytes();

  // One snapshot a second: views, build, serialise (once for every subscriber).
  std::vector<double> views_ms, build_ms, dump_ms;
  size_t bytes = 0;
  const auto cpu0 = std::clock();
  const auto wall0 = Clk::now();
  for (int s = 0; s < seconds; ++s) {
    clock.advance_ms(1000);
    auto t = Clk::now();
    const auto av = router.agents();
    const auto qv = router.queues();
    views_ms.push_back(ms_since(t));
    t = Clk::now();
    nlohmann::json snap = board.snapshot("site", clock.now_ms(), *dir, av, qv);
    build_ms.push_back(ms_since(t));
    t = Clk::now();
    const std::string message =
        nlohmann::json{{"type", "event"}, {"topic", "supervision:site"}, {"seq", s + 1},
                       {"name", "supervision.snapshot.v1"}, {"ts_ms", clock.now_ms()}, {"data", std::move(snap)}}
            .dump();
    dump_ms.push_back(ms_since(t));
    bytes = message.size();
  }
  const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
  const double wall_ms = ms_since(wall0);
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  auto worst = [](const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); };
  std::vector<double> total;
  for (size_t i = 0; i < build_ms.size(); ++i) total.push_back(views_ms[i] + build_ms[i] + dump_ms[i]);

  std::printf("provisioning: %d agents, %d queues (%d per agent), %zu bytes written to %s, parsed in %.1f ms\n",
              agents, queues, per_agent, text.size(), out.c_str(), parse_ms);
  std::printf("replay of a day: %d calls, %zu events in %.1f ms (%.2f us/event), board heap %+.2f MiB\n", calls,
              day.size(), replay_ms, 1000.0 * replay_ms / static_cast<double>(day.size()),
              (static_cast<double>(heap1) - static_cast<double>(heap0)) / 1048576.0);
  std::printf("per snapshot (median / worst of %d): core views %.3f / %.3f ms, build %.3f / %.3f ms, "
              "serialise %.3f / %.3f ms, total %.3f / %.3f ms\n",
              seconds, median(views_ms), worst(views_ms), median(build_ms), worst(build_ms), median(dump_ms),
              worst(dump_ms), median(total), worst(total));
  std::printf("message: %zu bytes (%.1f KiB) per second per client\n", bytes, static_cast<double>(bytes) / 1024.0);
  std::printf("CPU: %.2f ms per pushed second = %.3f %% of one core (%.0f ms CPU over %.0f ms wall for %d pushes)\n",
              cpu_ms / seconds, cpu_ms / seconds / 10.0, cpu_ms, wall_ms, seconds);
  return 0;
}
