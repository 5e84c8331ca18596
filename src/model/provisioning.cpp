#include "model/provisioning.h"

#include <array>
#include <utility>

namespace plateau::model {

namespace {

constexpr std::array<std::pair<Strategy, std::string_view>, 7> kStrategies = {{
    {Strategy::LongestIdle, "longest_idle"},
    {Strategy::FewestContacts, "fewest_contacts"},
    {Strategy::LeastTalkTime, "least_talk_time"},
    {Strategy::BestSkill, "best_skill"},
    {Strategy::RoundRobin, "round_robin"},
    {Strategy::RingAll, "ring_all"},
    {Strategy::Random, "random"},
}};

}  // namespace

std::string_view to_string(Strategy s) {
  for (const auto& [v, name] : kStrategies)
    if (v == s) return name;
  return "longest_idle";
}

std::optional<Strategy> parse_strategy(std::string_view text) {
  for (const auto& [v, name] : kStrategies)
    if (name == text) return v;
  return std::nullopt;
}

std::string to_string(const Overflow& o) {
  switch (o.kind) {
    case OverflowKind::None: return "none";
    case OverflowKind::Hangup: return "hangup";
    case OverflowKind::Queue: return "queue:" + o.target;
    case OverflowKind::Callback: return "callback";
    case OverflowKind::External: return "external:" + o.target;
  }
  return "hangup";
}

std::optional<Overflow> parse_overflow(std::string_view text) {
  if (text == "none") return Overflow{OverflowKind::None, ""};
  if (text == "hangup") return Overflow{OverflowKind::Hangup, ""};
  if (text == "callback") return Overflow{OverflowKind::Callback, ""};
  auto with_target = [&](std::string_view prefix, OverflowKind k) -> std::optional<Overflow> {
    if (text.size() <= prefix.size() || text.substr(0, prefix.size()) != prefix) return std::nullopt;
    return Overflow{k, std::string(text.substr(prefix.size()))};
  };
  if (auto o = with_target("queue:", OverflowKind::Queue)) return o;
  if (auto o = with_target("external:", OverflowKind::External)) return o;
  return std::nullopt;
}

QueueThresholds queue_thresholds_for(int sl_threshold_s, int sl_target_pct) {
  QueueThresholds t;
  t.longest_wait_amber_s = sl_threshold_s;
  t.longest_wait_red_s = 2 * sl_threshold_s;
  t.service_level_amber = sl_target_pct;
  t.service_level_red = sl_target_pct > 10 ? sl_target_pct - 10 : 0;
  t.asa_amber_s = sl_threshold_s / 2 > 0 ? sl_threshold_s / 2 : 1;
  t.asa_red_s = sl_threshold_s;
  return t;
}

}  // namespace plateau::model
