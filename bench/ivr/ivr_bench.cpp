// ivr_bench.cpp — plateau-ivr-bench: the IVR interpreter's throughput
// (ivr::Session on whole caller paths, single-threaded, ManualClock), its
// memory per live session, and the cost of parsing and checking a flow file.
// bench/README.md explains the method and gives the reference figures.
//
// For each flow (the demo flow and bench/ivr/synthetic.toml):
//  1. one at a time: callers created, driven to the end of their path and
//     destroyed one after the other, cycling through the flow's scripts;
//  2. live together: --live callers created and started, then driven one
//     event each in turn until all are done (the working set no longer fits
//     the caches, as with many calls in progress); heap and RSS growth per
//     session, after every caller's start and at the peak;
//  3. parsing: parse_flow() of the file's text, --parses times.
#include <CLI/CLI.hpp>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "bench/common/process_memory.h"
#include "bench/ivr/caller_sim.h"
#include "ivr/parse.h"

namespace ib = plateau::ivr::bench;
namespace ivr = plateau::ivr;
using plateau::bench::heap_bytes;
using plateau::bench::rss_bytes;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

struct Tally {
  uint64_t sessions = 0, events = 0, steps = 0;
  double seconds = 0;
  double steps_per_s() const { return seconds > 0 ? static_cast<double>(steps) / seconds : 0; }
  double sessions_per_s() const { return seconds > 0 ? static_cast<double>(sessions) / seconds : 0; }
  double ns_per_event() const { return events ? seconds * 1e9 / static_cast<double>(events) : 0; }
  double ns_per_step() const { return steps ? seconds * 1e9 / static_cast<double>(steps) : 0; }
  double us_per_session() const { return sessions ? seconds * 1e6 / static_cast<double>(sessions) : 0; }
};

struct PathTally {
  const ib::Script* script = nullptr;
  Tally t;
};

struct FlowRun {
  std::string label, file;
  size_t bytes = 0, steps = 0;
  Tally alone, live;
  std::vector<PathTally> paths;
  size_t live_sessions = 0;
  double heap_start = 0, rss_start = 0, heap_peak = 0, rss_peak = 0;  // bytes per live session
  double parse_ms_median = 0, parse_ms_min = 0;
  double pattern_us = 0;  // one collect entry checked against the flow's patterns, as Session::check_entry does
  size_t patterns = 0;
};

// 1. Callers one after the other.
void run_alone(FlowRun& run, const ivr::FlowPtr& flow, const std::vector<ib::Script>& scripts, uint64_t sessions,
               const ib::Directory& dir) {
  plateau::ManualClock clock;
  run.paths.resize(scripts.size());
  for (size_t i = 0; i < scripts.size(); ++i) run.paths[i].script = &scripts[i];
  for (uint64_t n = 0; n < sessions; ++n) {
    PathTally& p = run.paths[n % scripts.size()];
    const auto t0 = Clock::now();
    size_t steps = 0;
    uint32_t events = 0;
    {
      ib::Caller c(flow, *p.script, clock, dir);
      while (c.step()) {
      }
      steps = c.session().path().visits.size();
      events = c.events();
    }
    p.t.seconds += seconds_since(t0);
    p.t.sessions += 1;
    p.t.events += events;
    p.t.steps += steps;
  }
  for (const auto& p : run.paths) {
    run.alone.sessions += p.t.sessions;
    run.alone.events += p.t.events;
    run.alone.steps += p.t.steps;
    run.alone.seconds += p.t.seconds;
  }
}

// 2. `count` callers alive together, one event each in turn.
void run_live(FlowRun& run, const ivr::FlowPtr& flow, const std::vector<ib::Script>& scripts, size_t count,
              const ib::Directory& dir) {
  plateau::ManualClock clock;
  std::vector<std::unique_ptr<ib::Caller>> callers;
  callers.reserve(count);
  malloc_trim(0);
  const size_t h0 = heap_bytes(), r0 = rss_bytes();
  auto t0 = Clock::now();
  for (size_t i = 0; i < count; ++i) {
    callers.push_back(std::make_unique<ib::Caller>(flow, scripts[i % scripts.size()], clock, dir));
    callers.back()->step();  // start(): the first prompt plays
  }
  run.live.seconds += seconds_since(t0);
  const size_t h1 = heap_bytes(), r1 = rss_bytes();
  size_t h_peak = h1, r_peak = r1;
  std::vector<ib::Caller*> running;
  for (auto& c : callers) running.push_back(c.get());
  while (!running.empty()) {
    t0 = Clock::now();
    size_t kept = 0;
    for (ib::Caller* c : running)
      if (c->step()) running[kept++] = c;
    run.live.seconds += seconds_since(t0);
    running.resize(kept);
    h_peak = std::max(h_peak, heap_bytes());
    r_peak = std::max(r_peak, rss_bytes());
  }
  for (const auto& c : callers) {
    run.live.sessions += 1;
    run.live.events += c->events();
    run.live.steps += c->session().path().visits.size();
  }
  t0 = Clock::now();
  callers.clear();
  run.live.seconds += seconds_since(t0);
  const double n = static_cast<double>(count);
  run.live_sessions = count;
  run.heap_start = static_cast<double>(h1 - h0) / n;
  run.rss_start = static_cast<double>(r1 - r0) / n;
  run.heap_peak = static_cast<double>(h_peak - h0) / n;
  run.rss_peak = static_cast<double>(r_peak - r0) / n;
}

// 3. parse_flow() of the file's text.
void run_parse(FlowRun& run, const std::string& text, int parses) {
  std::vector<double> ms;
  for (int i = 0; i < parses; ++i) {
    const auto t0 = Clock::now();
    auto f = ivr::parse_flow(text, run.file);
    ms.push_back(seconds_since(t0) * 1e3);
    if (!f) std::abort();
  }
  std::sort(ms.begin(), ms.end());
  // A collect step's pattern is compiled into a std::regex and matched for each entry of the right length.
  auto f = ivr::parse_flow(text, run.file);
  constexpr int kChecks = 2'000;
  double pattern_s = 0;
  for (const ivr::Step& st : f->steps) {
    const auto* c = std::get_if<ivr::CollectStep>(&st.body);
    if (!c || c->pattern.empty()) continue;
    const std::string entry(static_cast<size_t>(c->max_digits), '1');
    const auto t0 = Clock::now();
    int matched = 0;
    for (int i = 0; i < kChecks; ++i) matched += std::regex_match(entry, std::regex(c->pattern, std::regex::ECMAScript));
    pattern_s += seconds_since(t0);
    if (matched != kChecks) std::abort();
    ++run.patterns;
  }
  if (run.patterns) run.pattern_us = pattern_s * 1e6 / kChecks / static_cast<double>(run.patterns);
  run.parse_ms_median = ms[ms.size() / 2];
  run.parse_ms_min = ms.front();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"plateau-ivr-bench: IVR interpreter steps per second on whole caller paths, memory per live "
               "session, and flow parsing"};
  std::string demo = std::string(PLATEAU_SOURCE_DIR) + "/data/demo/flows/accueil.toml";
  std::string synthetic = std::string(PLATEAU_SOURCE_DIR) + "/bench/ivr/synthetic.toml";
  uint64_t sessions = 100'000;
  size_t live = 10'000;
  int parses = 300;
  bool by_path = false;
  app.add_option("--demo-flow", demo, "the demo flow file");
  app.add_option("--synthetic-flow", synthetic, "the synthetic flow file");
  app.add_option("--sessions", sessions, "sessions driven one after the other, per flow");
  app.add_option("--live", live, "sessions alive together, per flow");
  app.add_option("--parses", parses, "parses of each flow file")->check(CLI::PositiveNumber);
  app.add_flag("--by-path", by_path, "also a table per caller script");
  CLI11_PARSE(app, argc, argv);

  const ib::Directory dir;
  const std::vector<ib::Script> demo_scripts = ib::demo_scripts(), synthetic_scripts = ib::synthetic_scripts();
  struct Input {
    std::string label, file;
    const std::vector<ib::Script>* scripts;
  };
  std::vector<FlowRun> runs;
  for (const Input& in : {Input{"demo (accueil)", demo, &demo_scripts},
                          Input{"synthetic", synthetic, &synthetic_scripts}}) {
    auto text = ivr::read_flow_text(in.file);
    if (!text) {
      std::fprintf(stderr, "plateau-ivr-bench: %s\n", text.error().message.c_str());
      return 1;
    }
    auto parsed = ivr::parse_flow(*text, in.file);
    if (!parsed) {
      std::fprintf(stderr, "plateau-ivr-bench: %s\n", parsed.error().message.c_str());
      return 1;
    }
    FlowRun run;
    run.label = in.label;
    run.file = in.file;
    run.bytes = text->size();
    run.steps = parsed->steps.size();
    const ivr::FlowPtr flow = std::make_shared<const ivr::Flow>(std::move(*parsed));
    const auto t0 = Clock::now();
    run_alone(run, flow, *in.scripts, sessions / 10, dir);  // warm-up
    run = FlowRun{run.label, run.file, run.bytes, run.steps};
    run_alone(run, flow, *in.scripts, sessions, dir);
    if (live > 0) run_live(run, flow, *in.scripts, live, dir);
    run_parse(run, *text, parses);
    std::fprintf(stderr, "%s: %llu + %zu sessions and %d parses in %.1f s\n", in.label.c_str(),
                 static_cast<unsigned long long>(sessions), live, parses, seconds_since(t0));
    runs.push_back(std::move(run));
  }

  std::printf("IVR interpreter, single thread, ManualClock (sizeof(ivr::Session) = %zu B)\n\n", sizeof(ivr::Session));
  std::printf("| flow | mode | sessions | steps / session | events / session | steps/s | sessions/s | ns per event "
              "| ns per step | µs per session |\n");
  std::printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
  for (const auto& r : runs) {
    for (const auto& [mode, t] : {std::pair{"one at a time", &r.alone}, std::pair{"live together", &r.live}}) {
      if (!t->sessions) continue;
      const double s = static_cast<double>(t->sessions);
      std::printf("| %s | %s | %llu | %.1f | %.1f | %.0f | %.0f | %.0f | %.0f | %.1f |\n", r.label.c_str(), mode,
                  static_cast<unsigned long long>(t->sessions), static_cast<double>(t->steps) / s,
                  static_cast<double>(t->events) / s, t->steps_per_s(), t->sessions_per_s(), t->ns_per_event(),
                  t->ns_per_step(), t->us_per_session());
    }
  }
  if (live > 0) {
    std::printf("\n| flow | live sessions | heap per session: started / peak | RSS per session: started / peak |\n");
    std::printf("| --- | --- | --- | --- |\n");
    for (const auto& r : runs)
      std::printf("| %s | %zu | %.0f B / %.0f B | %.0f B / %.0f B |\n", r.label.c_str(), r.live_sessions, r.heap_start,
                  r.heap_peak, r.rss_start, r.rss_peak);
  }
  std::printf("\n| flow | file | steps | parse and check: median / min | collect patterns | one entry's pattern "
              "check (regex built and matched) |\n");
  std::printf("| --- | --- | --- | --- | --- | --- |\n");
  for (const auto& r : runs)
    std::printf("| %s | %zu B | %zu | %.3f / %.3f ms | %zu | %.1f µs |\n", r.label.c_str(), r.bytes, r.steps,
                r.parse_ms_median, r.parse_ms_min, r.patterns, r.pattern_us);
  if (by_path) {
    std::printf("\n| flow | caller script | ends | steps | events | µs per session | ns per event |\n");
    std::printf("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (const auto& r : runs)
      for (const auto& p : r.paths) {
        const double s = static_cast<double>(p.t.sessions);
        std::printf("| %s | %s | %s | %.0f | %.0f | %.1f | %.0f |\n", r.label.c_str(), p.script->name.c_str(),
                    std::string(ivr::to_string(p.script->expect)).c_str(), static_cast<double>(p.t.steps) / s,
                    static_cast<double>(p.t.events) / s, p.t.us_per_session(), p.t.ns_per_event());
      }
  }
  return 0;
}
