// parse_state.h — what the flow parser carries between its files (parse.cpp:
// the file and its [flow] and [prompts]; read_steps.cpp: each [[step]];
// check_graph.cpp: the graph as a whole). Private to src/ivr.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ivr/flow.h"
#include "ivr/parse.h"
#include "provision/diagnostics.h"
#include "provision/reader.h"

namespace plateau::ivr::detail {

using provision::Diagnostics;
using provision::ObjectReader;
using provision::Pos;

struct PromptUse {
  std::string name;
  Pos at;
  std::string label;  // of the step that names it
};

struct ParseState {
  Flow flow;
  Diagnostics& diag;
  const FlowContext& ctx;
  std::map<std::string, StepIndex, std::less<>> ids;
  std::map<std::string, Pos, std::less<>> prompt_pos;  // where each [prompts] entry is written
  std::vector<PromptUse> prompt_uses;
  std::vector<Pos> step_pos;
};

// Reads the body of one [[step]] whose id and type are known (read_steps.cpp).
StepBody read_step_body(ParseState& st, ObjectReader& r, size_t type_index);

// A step named by `key` ("next", "on_failure"...): its index, kNoStep when
// absent (a fault if required) or unknown (a fault).
StepIndex read_target(ParseState& st, ObjectReader& r, std::string_view key, bool required);
StepIndex resolve_target(ParseState& st, ObjectReader& r, const std::string& id, Pos at, const std::string& key);

// Graph checks on the whole flow (check_graph.cpp): unreachable steps, loops
// without exit, cycles that never wait.
void check_graph(ParseState& st);

// The steps a step may go to next (the agent step included for input steps).
std::vector<StepIndex> successors(const Flow& flow, StepIndex i);

}  // namespace plateau::ivr::detail
