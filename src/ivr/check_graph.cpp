// check_graph.cpp — the flow as a graph: every step reachable from the start,
// every step able to end the call, and no cycle that never waits.
#include <algorithm>
#include <functional>

#include "ivr/parse_state.h"

namespace plateau::ivr::detail {

namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

bool ends_call(const StepBody& b) {
  return std::holds_alternative<EnqueueStep>(b) || std::holds_alternative<TransferStep>(b) ||
         std::holds_alternative<VoicemailStep>(b) || std::holds_alternative<CallbackStep>(b) ||
         std::holds_alternative<HangupStep>(b);
}

// Steps that go on at once, without playing anything or waiting for the caller.
bool instant(const StepBody& b) {
  return std::holds_alternative<SetStep>(b) || std::holds_alternative<BranchStep>(b) ||
         std::holds_alternative<HoursStep>(b);
}

}  // namespace

std::vector<StepIndex> successors(const Flow& flow, StepIndex i) {
  std::vector<StepIndex> out;
  auto add = [&](StepIndex s) {
    if (s != kNoStep) out.push_back(s);
  };
  auto failure = [&](const InputRules& r) { add(r.on_failure == kNoStep ? flow.agent_step : r.on_failure); };
  std::visit(Overloaded{
                 [&](const PlayStep& s) { add(s.next); },
                 [&](const SayStep& s) { add(s.next); },
                 [&](const MenuStep& s) {
                   for (const auto& [k, t] : s.choices) add(t);
                   failure(s.rules);
                   if (flow.agent_key) add(flow.agent_step);
                 },
                 [&](const CollectStep& s) {
                   add(s.next);
                   failure(s.rules);
                   if (flow.agent_key) add(flow.agent_step);
                 },
                 [&](const LanguageStep& s) { add(s.next); },
                 [&](const SetStep& s) { add(s.next); },
                 [&](const BranchStep& s) {
                   for (const auto& c : s.cases) add(c.go);
                   add(s.otherwise);
                 },
                 [&](const HoursStep& s) {
                   add(s.open);
                   add(s.closed);
                   add(s.holiday);
                 },
                 [&](const LookupStep& s) {
                   add(s.found);
                   add(s.not_found);
                   add(s.error);
                 },
                 [&](const WebhookStep& s) {
                   add(s.ok);
                   add(s.fallback);
                 },
                 [&](const auto&) {},
             },
             flow.steps[i].body);
  return out;
}

void check_graph(ParseState& st) {
  const Flow& f = st.flow;
  const size_t n = f.steps.size();
  std::vector<std::vector<StepIndex>> next(n);
  for (size_t i = 0; i < n; ++i) next[i] = successors(f, static_cast<StepIndex>(i));

  // Reachable from the start.
  std::vector<bool> reached(n, false);
  std::vector<StepIndex> stack;
  if (f.start != kNoStep) stack.push_back(f.start), reached[f.start] = true;
  while (!stack.empty()) {
    StepIndex s = stack.back();
    stack.pop_back();
    for (StepIndex t : next[s])
      if (!reached[t]) reached[t] = true, stack.push_back(t);
  }
  for (size_t i = 0; i < n; ++i)
    if (!reached[i])
      st.diag.add(st.step_pos[i], "[[step]] #" + std::to_string(i + 1) + " (" + f.steps[i].id +
                                      "): unreachable: no path from the start (\"" +
                                      (f.start == kNoStep ? std::string() : f.steps[f.start].id) + "\") leads to it");

  // Able to end the call: the fixed point of "ends the call, or leads to a step that can".
  // A step with failure defaults (no on_failure, no agent step) ends the call itself.
  std::vector<bool> can_end(n, false);
  for (size_t i = 0; i < n; ++i) {
    const StepBody& b = f.steps[i].body;
    const InputRules* rules = std::holds_alternative<MenuStep>(b)      ? &std::get<MenuStep>(b).rules
                              : std::holds_alternative<CollectStep>(b) ? &std::get<CollectStep>(b).rules
                                                                       : nullptr;
    can_end[i] = ends_call(b) || (rules && rules->on_failure == kNoStep && f.agent_step == kNoStep);
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < n; ++i) {
      if (can_end[i]) continue;
      for (StepIndex t : next[i])
        if (can_end[t]) {
          can_end[i] = changed = true;
          break;
        }
    }
  }
  for (size_t i = 0; i < n; ++i)
    if (reached[i] && !can_end[i])
      st.diag.add(st.step_pos[i], "[[step]] #" + std::to_string(i + 1) + " (" + f.steps[i].id +
                                      "): loop without exit: no path from this step ends the call (enqueue, "
                                      "transfer, voicemail, callback or hangup)");

  // Cycles of instant steps (set, branch, hours) would spin without end:
  // depth-first search restricted to them.
  std::vector<int> color(n, 0);  // 0 new, 1 on the path, 2 done
  std::function<bool(StepIndex)> cycle = [&](StepIndex s) -> bool {
    color[s] = 1;
    for (StepIndex t : next[s]) {
      if (!instant(f.steps[t].body)) continue;
      if (color[t] == 1) return true;
      if (color[t] == 0 && cycle(t)) return true;
    }
    color[s] = 2;
    return false;
  };
  for (size_t i = 0; i < n; ++i) {
    if (!instant(f.steps[i].body) || color[i]) continue;
    if (cycle(static_cast<StepIndex>(i))) {
      st.diag.add(st.step_pos[i], "[[step]] #" + std::to_string(i + 1) + " (" + f.steps[i].id +
                                      "): cycle of steps that neither play nor wait for the caller (set, branch, "
                                      "hours): it would never end");
      break;
    }
  }
}

}  // namespace plateau::ivr::detail
