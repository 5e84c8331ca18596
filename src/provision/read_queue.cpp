// read_queue.cpp — [[queue]]: where callers wait for an agent, how agents are
// chosen, and what happens to callers the queue cannot serve.
#include <cstdint>
#include <limits>

#include "provision/object_rules.h"

namespace plateau::provision {

namespace {

// "longest_idle, fewest_contacts, ...": every name model::parse_strategy knows.
std::string strategy_names() {
  std::string s;
  for (int i = 0;; ++i) {
    const auto st = static_cast<model::Strategy>(i);
    const std::string_view name = model::to_string(st);
    if (model::parse_strategy(name) != st) break;
    if (!s.empty()) s += ", ";
    s += name;
  }
  return s;
}

void read_strategy(ObjectReader& r, model::Queue& q) {
  auto v = r.string("strategy", false);
  if (!v) return;
  if (auto st = model::parse_strategy(*v)) {
    q.strategy = *st;
  } else {
    r.fault(r.pos("strategy"),
            "strategy \"" + *v + "\" is unknown (expected one of " + strategy_names() + ")");
  }
}

// on_timeout, on_full, on_no_agent. Which queue a "queue:<name>" names, and
// what the tenant has for "external:", are checked with the other objects.
// Only on_no_agent may be "none" (keep waiting).
void read_overflow(ObjectReader& r, const std::string& key, model::Overflow& out,
                   std::map<std::string, Pos>& at) {
  const bool none_allowed = key == "on_no_agent";
  auto v = r.string(key, false);
  if (!v) return;
  const Pos p = r.pos(key);
  at[key] = p;
  auto o = model::parse_overflow(*v);
  if (!o) {
    r.fault(p,
            key + " \"" + *v +
                "\" is not an overflow action (expected \"none\", \"hangup\", \"queue:<name>\", \"callback\" "
                "or \"external:<number>\")");
    return;
  }
  if (o->kind == model::OverflowKind::None && !none_allowed) {
    r.fault(
        p, key +
               " cannot be \"none\": the caller must leave the queue (expected \"hangup\", \"queue:<name>\", "
               "\"callback\" or \"external:<number>\"; only on_no_agent may keep callers waiting)");
    return;
  }
  if (o->kind == model::OverflowKind::External && !is_dial_number(o->target)) {
    r.fault(p, key + " \"" + *v +
                   "\": the number must be 1-32 digits with an optional leading + (e.g. "
                   "\"external:+212522000000\")");
    return;
  }
  out = std::move(*o);
}

// relax = [{ after = 30, requires = "...", keep_contact = true }, ...], by increasing wait.
std::vector<model::RelaxStep> read_relax(ObjectReader& r) {
  auto items = r.tables("relax");
  if (!items) return {};
  std::vector<model::RelaxStep> out;
  int prev_after = 0;
  size_t prev = 0;
  for (size_t i = 0; i < items->size(); ++i) {
    const std::string path = "relax[" + std::to_string(i) + "]";
    ObjectReader step = r.nested(*(*items)[i], path);
    model::RelaxStep s;
    if (auto after = step.integer("after", 1, 86400, true)) {
      s.after_s = static_cast<int>(*after);
      if (!out.empty() && s.after_s <= prev_after) {
        step.fault(step.pos("after"), path + ".after must be more than relax[" + std::to_string(prev) +
                                          "].after (" + std::to_string(prev_after) +
                                          "): steps are listed by increasing wait");
      }
      prev_after = s.after_s;
      prev = i;
    }
    s.requirement = read_requirement(step, "requires");
    s.keep_contact = step.boolean("keep_contact").value_or(s.keep_contact);
    step.finish();
    out.push_back(std::move(s));
  }
  return out;
}

void read_announce(ObjectReader& r, model::Queue& q) {
  constexpr int64_t kAny = std::numeric_limits<int64_t>::max();
  auto v = r.integer("announce_every", -kAny, kAny);
  if (!v) return;
  if (*v == 0 || (*v >= 15 && *v <= 3600)) {
    q.announce_every_s = static_cast<int>(*v);
  } else {
    r.fault(r.pos("announce_every"),
            "announce_every must be 0 (never) or 15..3600 (got " + std::to_string(*v) + ")");
  }
}

// Callbacks need a trunk to place them; whether it has a gateway is checked with the trunks.
void read_callback(ObjectReader& r, model::Queue& q, std::map<std::string, Pos>& at) {
  q.callback = r.boolean("callback").value_or(q.callback);
  if (auto trunk = r.string("callback_trunk", false)) {
    at["callback_trunk"] = r.pos("callback_trunk");
    q.callback_trunk = std::move(*trunk);
  }
  q.callback_attempts = static_cast<int>(r.integer("callback_attempts", 1, 10).value_or(q.callback_attempts));
  q.callback_retry_s = static_cast<int>(r.integer("callback_retry", 30, 86400).value_or(q.callback_retry_s));
  if (!q.callback_trunk.empty()) return;
  if (q.callback) {
    r.fault(r.pos("callback"),
            "callback = true needs callback_trunk (the trunk that calls the callers back)");
    return;
  }
  for (const auto& [key, field] : kOverflowKeys) {
    if ((q.*field).kind == model::OverflowKind::Callback) {
      r.fault(r.pos(key), std::string(key) +
                              " \"callback\" needs callback_trunk (the trunk that calls the callers back)");
      return;
    }
  }
}

// thresholds = { waiting_amber = 5, waiting_red = 10, ... } (or a [queue.thresholds]
// table): when the wallboard shows the queue's figures amber and red. Keys not
// given follow the queue's service level (model::queue_thresholds_for).
void read_thresholds(ObjectReader& r, model::Queue& q) {
  q.thresholds = model::queue_thresholds_for(q.sl_threshold_s, q.sl_target_pct);
  const toml::table* t = r.table("thresholds");
  if (!t) return;  // absent, or of another type (reported)
  ObjectReader th = r.nested(*t, "thresholds");
  model::QueueThresholds& out = q.thresholds;
  struct Pair {
    const char* amber;
    const char* red;
    int model::QueueThresholds::*a;
    int model::QueueThresholds::*b;
    int64_t max;
    bool lower_is_worse;
  };
  static constexpr Pair kPairs[] = {
      {"waiting_amber", "waiting_red", &model::QueueThresholds::waiting_amber, &model::QueueThresholds::waiting_red,
       100000, false},
      {"longest_wait_amber", "longest_wait_red", &model::QueueThresholds::longest_wait_amber_s,
       &model::QueueThresholds::longest_wait_red_s, 86400, false},
      {"service_level_amber", "service_level_red", &model::QueueThresholds::service_level_amber,
       &model::QueueThresholds::service_level_red, 100, true},
      {"asa_amber", "asa_red", &model::QueueThresholds::asa_amber_s, &model::QueueThresholds::asa_red_s, 86400,
       false},
  };
  for (const Pair& p : kPairs) {
    const int64_t min = p.lower_is_worse ? 0 : 1;
    auto a = th.integer(p.amber, min, p.max);
    auto b = th.integer(p.red, min, p.max);
    if (a) out.*(p.a) = static_cast<int>(*a);
    if (b) out.*(p.b) = static_cast<int>(*b);
    if (!p.lower_is_worse && out.*(p.a) > out.*(p.b)) {
      th.fault(th.pos(b ? p.red : p.amber),
               th.name_of(p.red) + " (" + std::to_string(out.*(p.b)) + ") must be at least " + th.name_of(p.amber) +
                   " (" + std::to_string(out.*(p.a)) + "): a figure turns amber before it turns red");
    } else if (p.lower_is_worse && out.*(p.a) < out.*(p.b)) {
      th.fault(th.pos(b ? p.red : p.amber),
               th.name_of(p.red) + " (" + std::to_string(out.*(p.b)) + " %) must be at most " + th.name_of(p.amber) +
                   " (" + std::to_string(out.*(p.a)) + " %): the service level turns amber before it turns red");
    }
  }
  th.finish();
}

}  // namespace

void read_queue(ObjectReader& r, Parsed& out) {
  auto l = start(r, &model::Queue::name, "name");
  auto& q = l.obj;
  q.display_name = r.string("display_name", false).value_or(q.name);
  q.ring_timeout_s = static_cast<int>(r.integer("ring_timeout", 1, 600).value_or(q.ring_timeout_s));
  q.max_wait_s = static_cast<int>(r.integer("max_wait", 1, 86400).value_or(q.max_wait_s));
  q.wrapup_s = static_cast<int>(r.integer("wrapup", 0, 3600).value_or(q.wrapup_s));
  if (auto music = r.string("music", false)) {
    check_prompt(r, "music", *music);
    q.music = *music;
  }
  q.priority = static_cast<int>(r.integer("priority", -100, 100).value_or(q.priority));
  read_strategy(r, q);
  q.sl_threshold_s = static_cast<int>(r.integer("sl_threshold", 1, 3600).value_or(q.sl_threshold_s));
  q.sl_target_pct = static_cast<int>(r.integer("sl_target", 1, 100).value_or(q.sl_target_pct));
  read_thresholds(r, q);
  q.max_length = static_cast<int>(r.integer("max_length", 0, 100000).value_or(q.max_length));
  q.priority_step_s = static_cast<int>(r.integer("priority_step", 0, 3600).value_or(q.priority_step_s));
  if (auto wrd = r.boolean("wrapup_requires_disposition")) {
    l.at["wrapup_requires_disposition"] = r.pos("wrapup_requires_disposition");
    q.wrapup_requires_disposition = *wrd;
  }
  q.requirement = read_requirement(r, "requires");
  q.relax = read_relax(r);
  for (const auto& [key, field] : kOverflowKeys) read_overflow(r, key, q.*field, l.at);
  read_announce(r, q);
  read_callback(r, q, l.at);
  done(r, std::move(l), out.queues);
}

}  // namespace plateau::provision
