#include "ivr/report.h"

#include <tuple>

#include <nlohmann/json.hpp>

namespace plateau::ivr {

std::vector<FlowReport> ivr_report(const std::vector<model::CallRecord>& calls) {
  std::map<std::tuple<std::string, std::string, int>, FlowReport> by_flow;
  for (const auto& c : calls) {
    if (c.flow.empty()) continue;
    FlowReport& r = by_flow[{c.tenant, c.flow, c.flow_version}];
    r.tenant = c.tenant;
    r.flow = c.flow;
    r.version = c.flow_version;
    ++r.calls;
    const std::string end = c.ivr_end.empty() ? "unknown" : c.ivr_end;
    ++r.ends[end];
    if (end == "served" || end == "voicemail") ++r.contained;
    auto path = nlohmann::json::parse(c.ivr_path, nullptr, false);
    if (path.is_object() && path.contains("end_step") && path["end_step"].is_string()) {
      StepExits& s = r.steps[path["end_step"].get<std::string>()];
      ++s.ended;
      if (end == "abandoned") ++s.abandoned;
    }
  }
  std::vector<FlowReport> out;
  for (auto& [key, r] : by_flow) {
    r.containment = r.calls ? static_cast<double>(r.contained) / r.calls : 0;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace plateau::ivr
