#include "app/flows.h"

#include <spdlog/spdlog.h>

namespace plateau::app {

FlowNames names_of(const model::Provisioning& p, std::string_view tenant) {
  FlowNames n;
  for (const auto& q : p.queues)
    if (q.tenant == tenant) n.queues.insert(q.name);
  for (const auto& s : p.schedules)
    if (s.tenant == tenant) n.schedules.insert(s.name);
  for (const auto& t : p.trunks)
    if (t.tenant == tenant) n.trunks.insert(t.name);
  return n;
}

Result<ivr::Flow> check_for_publication(std::string_view text, std::string_view origin, const model::Provisioning& p) {
  // First the file alone: its tenant is known only once it parses.
  auto alone = ivr::parse_flow(text, origin);
  if (!alone) return alone.error();
  bool known = false;
  for (const auto& t : p.tenants) known = known || t.name == alone->tenant;
  if (!known)
    return make_error("ivr.unknown_tenant", std::string(origin) + ": tenant \"" + alone->tenant +
                                                "\" is not provisioned");
  const FlowNames names = names_of(p, alone->tenant);
  return ivr::parse_flow(text, origin, names.context());
}

std::vector<media::PromptText> prompt_texts(const ivr::Flow& f) {
  std::vector<media::PromptText> out;
  for (const auto& [name, texts] : f.prompts)
    for (const auto& [lang, text] : texts.by_language) out.push_back({f.prompt_file(name), lang, text});
  return out;
}

ivr::FlowSetPtr load_flows(const std::vector<store::FlowVersion>& versions) {
  auto set = std::make_shared<ivr::FlowSet>();
  for (const auto& v : versions) {
    auto f = ivr::parse_flow(v.source, v.tenant + "/" + v.name + " version " + std::to_string(v.version));
    if (!f) {
      spdlog::error("ivr: flow {}/{} version {} is not loaded: {}", v.tenant, v.name, v.version, f.error().message);
      continue;
    }
    f->version = v.version;
    set->add(std::make_shared<const ivr::Flow>(std::move(*f)));
  }
  return set;
}

}  // namespace plateau::app
