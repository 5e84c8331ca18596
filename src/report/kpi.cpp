#include "report/kpi.h"

#include <map>

namespace plateau::report {

namespace {

std::optional<double> ratio(double num, double den) {
  if (den <= 0) return std::nullopt;
  return num / den;
}

}  // namespace

Kpis kpis(const Counters& c, int64_t span_ms) {
  Kpis k;
  const double A = static_cast<double>(c.answered), AT = static_cast<double>(c.answered_within);
  const double Ab = static_cast<double>(c.abandoned), AbT = static_cast<double>(c.abandoned_within);
  const double AbS = static_cast<double>(c.short_abandoned), O = static_cast<double>(c.offered);
  k.sl_answered = ratio(AT, A);
  k.sl_strict = ratio(AT, A + Ab);
  k.sl_neutral = ratio(AT, A + Ab - AbT);
  k.sl_met = ratio(AT + AbT, A + Ab);
  k.sl_short_excluded = ratio(AT, A + Ab - AbS);
  k.asa_s = ratio(static_cast<double>(c.answered_wait_ms) / 1000.0, A);
  k.talk_s = static_cast<double>(c.talk_ms) / 1000.0;
  k.hold_s = static_cast<double>(c.hold_ms) / 1000.0;
  k.wrap_s = static_cast<double>(c.wrap_ms) / 1000.0;
  k.aht_s = ratio(k.talk_s + k.hold_s + k.wrap_s, static_cast<double>(c.handled));
  k.abandon_rate = ratio(Ab, O);
  k.abandon_rate_excl_short = ratio(Ab - AbS, O - AbS);
  const double handle = static_cast<double>(c.state(State::busy) + c.state(State::wrap_up));
  k.occupancy = ratio(handle, handle + static_cast<double>(c.state(State::ready)));
  k.utilisation = ratio(handle, static_cast<double>(c.logged_in_ms()));
  k.staffed_agents = span_ms > 0 ? static_cast<double>(c.logged_in_ms()) / static_cast<double>(span_ms) : 0;
  return k;
}

const std::vector<std::pair<std::string, std::string>>& formulas() {
  static const std::vector<std::pair<std::string, std::string>> f = {
      {"sl_answered", "A_T / A"},
      {"sl_strict", "A_T / (A + Ab)"},
      {"sl_neutral", "A_T / (A + Ab - Ab_T)"},
      {"sl_met", "(A_T + Ab_T) / (A + Ab)"},
      {"sl_short_excluded", "A_T / (A + Ab - Ab_S)"},
      {"asa_s", "sum(answer - queue entry) / A (ring time included)"},
      {"aht_s", "(talk + hold + wrap) / handled"},
      {"abandon_rate", "Ab / O"},
      {"abandon_rate_excl_short", "(Ab - Ab_S) / (O - Ab_S)"},
      {"occupancy", "(busy + wrap_up) / (busy + wrap_up + ready)"},
      {"utilisation", "(busy + wrap_up) / logged-in time"},
      {"staffed_agents", "logged-in time / interval length"},
  };
  return f;
}

std::vector<Row> roll_up(const Table& base, const Zone& zone, Interval i, int64_t from_ms, int64_t to_ms) {
  std::map<Key, Counters> rolled;
  for (const auto& [k, c] : base) rolled[Key{zone.start_of(k.start, i), k.queue, k.agent}] += c;
  std::vector<Row> rows;
  rows.reserve(rolled.size());
  for (auto& [k, c] : rolled) {
    Row r;
    r.start = std::max(k.start, from_ms);
    r.end = std::min(zone.next(k.start, i), to_ms);
    r.queue = k.queue;
    r.agent = k.agent;
    r.counters = std::move(c);
    rows.push_back(std::move(r));
  }
  return rows;
}

SlRow sl_row(const std::string& queue, const Counters& c, double target) {
  SlRow r;
  r.queue = queue;
  r.offered = c.offered;
  r.answered = c.answered;
  r.answered_within = c.answered_within;
  r.abandoned = c.abandoned;
  r.sl = ratio(static_cast<double>(c.answered_within), static_cast<double>(c.answered + c.abandoned));
  r.met = !r.sl || *r.sl >= target;
  return r;
}

}  // namespace plateau::report
