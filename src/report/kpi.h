// kpi.h — KPIs from counters, with their formulas (docs/REPORTS.md), and the
// roll-up of 15-minute counters into the report's interval.
//
// O offered, A answered, A_T answered within T, Ab abandoned, Ab_T abandoned
// within T, Ab_S abandoned within S (short). A ratio is nullopt when its
// denominator is 0.
//
// Pure; any thread.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "report/counters.h"
#include "report/zone.h"

namespace plateau::report {

struct Kpis {
  std::optional<double> sl_answered, sl_strict, sl_neutral, sl_met, sl_short_excluded;
  std::optional<double> asa_s, aht_s;
  std::optional<double> abandon_rate, abandon_rate_excl_short;
  std::optional<double> occupancy, utilisation;
  double talk_s = 0, hold_s = 0, wrap_s = 0;
  double staffed_agents = 0;  // logged-in time / the interval's length
};

// `span_ms`: the length of the interval (or range) the counters cover.
Kpis kpis(const Counters& c, int64_t span_ms);

// (name, formula) of every KPI, in output order.
const std::vector<std::pair<std::string, std::string>>& formulas();

struct Row {
  int64_t start = 0, end = 0;  // the interval, clipped to the range
  std::string queue, agent;
  Counters counters;
};

// 15-minute counters summed into intervals of `i` in the zone, clipped to
// [from, to); sorted by start, queue, agent.
std::vector<Row> roll_up(const Table& base, const Zone& zone, Interval i, int64_t from_ms, int64_t to_ms);

// The 95/180 report: per queue over the range, SL = A_180 / (A + Ab) against a
// 0.95 target (`met` is true when the SL is null: no contact missed it).
struct SlRow {
  std::string queue;
  int64_t offered = 0, answered = 0, answered_within = 0, abandoned = 0;
  std::optional<double> sl;
  bool met = true;
};
SlRow sl_row(const std::string& queue, const Counters& c, double target);

}  // namespace plateau::report
