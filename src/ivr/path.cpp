#include "ivr/path.h"

#include <nlohmann/json.hpp>

namespace plateau::ivr {

std::string_view to_string(PathEnd e) {
  switch (e) {
    case PathEnd::Running: return "running";
    case PathEnd::Enqueued: return "enqueued";
    case PathEnd::Transferred: return "transferred";
    case PathEnd::Callback: return "callback";
    case PathEnd::Voicemail: return "voicemail";
    case PathEnd::Served: return "served";
    case PathEnd::Failed: return "failed";
    case PathEnd::Abandoned: return "abandoned";
  }
  return "running";
}

std::string Path::to_json() const {
  nlohmann::json steps = nlohmann::json::array();
  for (const Visit& v : visits) {
    nlohmann::json s{{"step", v.step}, {"type", v.type}, {"t", v.at_ms}};
    if (!v.input.empty()) s["in"] = v.input;
    if (!v.result.empty()) s["out"] = v.result;
    steps.push_back(std::move(s));
  }
  return nlohmann::json{{"flow", flow},     {"version", version}, {"end", to_string(end)}, {"end_step", end_step},
                        {"detail", detail}, {"steps", steps}}
      .dump();
}

std::string Path::summary() const {
  std::string s;
  for (const Visit& v : visits) s += (s.empty() ? "" : ">") + v.step;
  return s;
}

}  // namespace plateau::ivr
