#include "app/report_service.h"

#include <algorithm>

#include "store/event_reader.h"

namespace plateau::app {

Result<ReportRun> run_report(store::EventReader& reader, const ReportSpec& spec) {
  const report::Options& o = spec.options;
  ReportRun run;
  run.aggregator = std::make_unique<report::Aggregator>(o);
  auto seeds = reader.agent_states_before(spec.tenant, o.from_ms, spec.agent_lookback_ms);
  if (!seeds) return seeds.error();
  for (const auto& s : *seeds)
    if (s.state != "logged_out") run.aggregator->seed_agent(s.agent, s.state, s.reason, s.since_ms);
  const int64_t until = o.to_ms + spec.read_ahead_ms;
  auto n = reader.for_each(spec.tenant, o.from_ms, until, [&](const report::Event& e) { run.aggregator->add(e); });
  if (!n) return n.error();
  run.events = *n;
  run.aggregator->finish(std::min(until, std::max(spec.now_ms, o.from_ms)));
  return run;
}

ReportService::ReportService(std::string db_path) : path_(std::move(db_path)) {}

ReportService::~ReportService() { stop(); }

void ReportService::stop() { thread_.stop(); }

void ReportService::post(ReportSpec spec, std::function<void(Result<ReportRun>)> done) {
  thread_.post([this, spec = std::move(spec), done = std::move(done)] {
    if (!reader_) {
      auto opened = store::EventReader::open(path_);
      if (!opened) return done(opened.error());
      reader_ = std::move(opened.value());
    }
    auto r = run_report(*reader_, spec);
    if (!r) reader_.reset();  // a fresh connection for the next report
    done(std::move(r));
  });
}

}  // namespace plateau::app
