// parse.h — a flow file in, a checked Flow out (`plateau flow check`,
// publishing, tests). The format is in docs/IVR.md.
//
// Every fault is reported with its place, in file order, one per line:
//   accueil.toml:14:9: [[step]] #3 (menu): choices."2": unknown step "factures"
// The checks: TOML syntax; unknown sections, keys and step types; missing
// keys; values out of range; references to steps that do not exist; steps
// no path from `start` reaches; steps from which no path ends the call (a
// loop without exit); cycles of steps that neither play nor wait for the
// caller; prompts that are neither built in nor written in every language the
// flow offers; bad conditions, templates and patterns. With a FlowContext,
// also the queues, schedules and trunks the steps name (publishing checks
// them against the tenant's provisioning).
//
// Errors: "ivr.io" (cannot read the file), "ivr.syntax" (TOML), "ivr.invalid"
// (every other fault, all of them in one message).
// Pure but for parse_flow_file's read; any thread.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "common/result.h"
#include "ivr/flow.h"

namespace plateau::ivr {

// What a flow may name outside itself; a null set is not checked.
struct FlowContext {
  const std::set<std::string, std::less<>>* queues = nullptr;
  const std::set<std::string, std::less<>>* schedules = nullptr;
  const std::set<std::string, std::less<>>* trunks = nullptr;
};

Result<Flow> parse_flow(std::string_view text, std::string_view origin, const FlowContext& ctx = {});
Result<Flow> parse_flow_file(const std::string& path, const FlowContext& ctx = {});
// The file's text ("ivr.io" if it cannot be read).
Result<std::string> read_flow_text(const std::string& path);

// Whether `name` is one of Plateau's prompts (every language has it).
bool builtin_prompt(std::string_view name);

}  // namespace plateau::ivr
