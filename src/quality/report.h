// report.h — the quality report: evaluation scores per agent and criterion
// over time (weeks or months in the tenant's time zone), and the local dates
// the quality API takes.
//
// Pure (reads the system tz database through <date/tz.h>); any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/evaluation.h"

namespace plateau::quality {

enum class Interval { Week, Month };

// One row: the evaluations of `agent` in the period starting `start` (a local
// date, YYYY-MM-DD: a Monday for weeks, the 1st for months). `criterion` ""
// is the overall weighted score; otherwise the mean of score/max_score*100
// over the evaluations where that criterion applied.
struct ReportRow {
  std::string start;
  int64_t start_ms = 0;
  std::string agent;
  std::string criterion;
  int evaluations = 0;  // counted in the mean
  double mean = 0;      // 0..100, two decimals
  double min = 0, max = 0;
  friend bool operator==(const ReportRow&, const ReportRow&) = default;
};

// Rows sorted by start, agent, then criterion ("" first).
Result<std::vector<ReportRow>> quality_report(const std::vector<model::Evaluation>& evaluations,
                                              std::string_view time_zone, Interval interval);

// Local midnight of `date` (YYYY-MM-DD) in `time_zone`, as epoch ms;
// "quality.bad_date" / "quality.bad_zone".
Result<int64_t> local_day_start_ms(std::string_view time_zone, std::string_view date);

// A `from`/`to` parameter: YYYY-MM-DD (a local date; `to` is inclusive, so its
// end is the next local midnight) or epoch milliseconds. "" gives `fallback`.
Result<int64_t> parse_bound(std::string_view time_zone, std::string_view text, bool end, int64_t fallback);

}  // namespace plateau::quality
