// dump.h — every field of the provisioning objects as readable text, one line
// per object, so that tests compare whole objects with a useful diff. Tests only.
#pragma once

#include <string>
#include <vector>

#include "model/provisioning.h"

namespace plateau::test_support {

inline std::string joined(const std::vector<std::string>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + v[i];
  return s + "]";
}

inline std::string dump(const model::Tenant& t) {
  return "tenant " + t.name + "|" + t.display_name + "|" + t.timezone + "|" + t.language +
         "|reasons=" + joined(t.not_ready_reasons) + "|dispositions=" + joined(t.dispositions) +
         "|agents_from=" + joined(t.agents_from);
}

inline std::string dump(const model::Trunk& t) {
  return "trunk " + t.tenant + "/" + t.name + "|" + joined(t.addresses) + "|gateway=" + t.gateway +
         "|caller_id=" + t.caller_id;
}

inline std::string dump(const model::Number& n) {
  return "number " + n.tenant + "/" + n.did + "|" + n.flow + "|" + n.greeting + "|" + n.queue +
         "|priority=" + std::to_string(n.priority) + "|requires=" + n.requirement;
}

inline std::string dump(const model::Queue& q) {
  std::string s = "queue " + q.tenant + "/" + q.name + "|" + q.display_name +
                  "|ring=" + std::to_string(q.ring_timeout_s) + "|wait=" + std::to_string(q.max_wait_s) +
                  "|wrapup=" + std::to_string(q.wrapup_s) + "|" + q.music +
                  "|priority=" + std::to_string(q.priority) + "|" +
                  std::string(model::to_string(q.strategy)) + "|sl=" + std::to_string(q.sl_threshold_s) +
                  "s/" + std::to_string(q.sl_target_pct) + "%|max_length=" + std::to_string(q.max_length) +
                  "|step=" + std::to_string(q.priority_step_s) +
                  "|disposition=" + (q.wrapup_requires_disposition ? "required" : "optional") +
                  "|requires=" + q.requirement + "|relax=[";
  for (const auto& r : q.relax) {
    s += "{" + std::to_string(r.after_s) + "," + r.requirement + "," + (r.keep_contact ? "keep" : "drop") +
         "}";
  }
  return s + "]|timeout=" + model::to_string(q.on_timeout) + "|full=" + model::to_string(q.on_full) +
         "|no_agent=" + model::to_string(q.on_no_agent) + "|announce=" + std::to_string(q.announce_every_s) +
         "|callback=" + (q.callback ? "on" : "off") + "," + q.callback_trunk + "," +
         std::to_string(q.callback_attempts) + "x" + std::to_string(q.callback_retry_s) + "s";
}

inline std::string dump(const model::Agent& a) {
  std::string s = "agent " + a.tenant + "/" + a.login + "|" + a.name + "|" + a.phone + "|" +
                  (a.ready_on_register ? "ready" : "-") + "|queues=[";
  for (const auto& q : a.queues) s += " " + q.tenant + "/" + q.queue + "*" + std::to_string(q.weight);
  s += "]|skills=[";
  for (const auto& [skill, level] : a.skills) s += " " + skill + "=" + std::to_string(level);
  return s + "]";
}

inline std::string dump(const model::Phone& p) {
  return "phone " + p.tenant + "/" + p.username + "|" + p.password + "|" + p.ha1;
}

inline std::string dump(const model::TimeRange& r) {
  return std::to_string(r.start_min) + "-" + std::to_string(r.end_min);
}

inline std::string dump(const model::Date& d) {
  return std::to_string(d.year) + "/" + std::to_string(d.month) + "/" + std::to_string(d.day);
}

inline std::string dump(const model::Schedule& s) {
  std::string out = "schedule " + s.tenant + "/" + s.name + "|" + s.timezone + "|week=[";
  for (size_t d = 0; d < s.week.size(); ++d) {
    out += d ? ";" : "";
    for (const auto& r : s.week[d]) out += " " + dump(r);
  }
  out += "]|holidays=" + joined(s.holidays) + "|closed=[";
  for (const auto& c : s.closed) {
    out += " " + dump(c.date);
    for (const auto& r : c.ranges) out += "@" + dump(r);
  }
  out += "]|open=[";
  for (const auto& d : s.open) out += " " + dump(d);
  return out + "]";
}

inline std::string dump(const model::Provisioning& p) {
  std::string s;
  auto lines = [&s](const auto& objects) {
    for (const auto& o : objects) s += dump(o) + "\n";
  };
  lines(p.tenants);
  lines(p.trunks);
  lines(p.queues);
  lines(p.numbers);
  lines(p.agents);
  lines(p.phones);
  lines(p.schedules);
  return s;
}

}  // namespace plateau::test_support
