// report_service.h — KPI reports (docs/REPORTS.md) run on their own thread
// with their own read-only connection to the database, so that a month of
// events never stalls the app thread nor the store worker (which keeps the
// only writing connection; WAL lets both read and write at once).
//
// A report reads the events of [from, to + read_ahead) in id order
// (store::EventReader), after each agent's last state before `from`, through
// report::Aggregator: memory stays bounded whatever the range.
//
// Threads: post() from any thread (the app thread); jobs run one at a time on
// the report thread and answer through their own callbacks (the HTTP
// Responder is thread-safe). stop() (or the destructor) finishes the jobs
// already posted.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/background.h"
#include "common/result.h"
#include "report/aggregator.h"

namespace plateau::store {
class EventReader;
}

namespace plateau::app {

struct ReportSpec {
  std::string tenant;
  report::Options options;
  int64_t now_ms = 0;  // stretches still open end here (if before the range's end)
  // Events are read until to + read_ahead: contacts that entered before `to`
  // end after it, and the stretches open at `to` close after it.
  int64_t read_ahead_ms = 4LL * 3600 * 1000;
  int64_t agent_lookback_ms = 24LL * 3600 * 1000;  // an agent's state before `from`: its last change in this window
};

struct ReportRun {
  std::unique_ptr<report::Aggregator> aggregator;
  int64_t events = 0;
};

// Reads and aggregates (on the calling thread: the report thread).
Result<ReportRun> run_report(store::EventReader& reader, const ReportSpec& spec);

class ReportService {
 public:
  explicit ReportService(std::string db_path);
  ~ReportService();
  ReportService(const ReportService&) = delete;
  ReportService& operator=(const ReportService&) = delete;

  // Runs the report, then `done` with its result, on the report thread.
  void post(ReportSpec spec, std::function<void(Result<ReportRun>)> done);
  void stop();

 private:
  std::string path_;
  std::unique_ptr<store::EventReader> reader_;  // the report thread's only
  Background thread_;                           // last: stopped first
};

}  // namespace plateau::app
