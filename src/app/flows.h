// flows.h — IVR flows in the server: what a flow may name in its tenant's
// provisioning, a publication checked against it, the prompts a flow speaks,
// and the published versions loaded at start.
//
// Pure but for logging in load_flows(); any thread (the app thread at run
// time, the main thread at start and in the `plateau flow` commands).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "ivr/flow_set.h"
#include "ivr/parse.h"
#include "media/prompt_texts.h"
#include "model/provisioning.h"
#include "store/store.h"

namespace plateau::app {

// The queues, schedules and trunks of one tenant, as a flow may name them.
struct FlowNames {
  std::set<std::string, std::less<>> queues, schedules, trunks;
  ivr::FlowContext context() const { return {&queues, &schedules, &trunks}; }
};
FlowNames names_of(const model::Provisioning& p, std::string_view tenant);

// Parses and checks a flow file for publication: the whole file, then what
// it names in its tenant's provisioning (which must have that tenant:
// "ivr.unknown_tenant" otherwise).
Result<ivr::Flow> check_for_publication(std::string_view text, std::string_view origin, const model::Provisioning& p);

// The flow's own prompts ([prompts]) to speak, named as the flow plays them.
std::vector<media::PromptText> prompt_texts(const ivr::Flow& f);

// The flows in force: the latest published version of each, parsed with
// their version number. A version that no longer parses (a newer Plateau
// changed a rule) is logged and left out.
ivr::FlowSetPtr load_flows(const std::vector<store::FlowVersion>& versions);

// The flows Plateau ships with its demo provisioning (tenant "demo"): file
// name and text.
struct ShippedFlow {
  std::string_view name, text;
};
std::vector<ShippedFlow> demo_flows();

}  // namespace plateau::app
