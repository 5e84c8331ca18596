// read_number.cpp — [[number]]: a number (DID) callers dial, and what it runs.
#include "provision/object_rules.h"

namespace plateau::provision {

void read_number(ObjectReader& r, Parsed& out) {
  auto l = start(r, &model::Number::did, "did");
  auto& n = l.obj;
  if (auto flow = r.string("flow", false)) {
    if (*flow != "queue")
      r.fault(r.pos("flow"), "flow \"" + *flow + "\" is unknown (the only flow is \"queue\")");
    n.flow = *flow;
  }
  if (auto greeting = r.string("greeting", false)) {
    if (!greeting->empty()) check_prompt(r, "greeting", *greeting);
    n.greeting = *greeting;
  }
  if (auto queue = r.string("queue", true)) {
    l.at["queue"] = r.pos("queue");
    n.queue = *queue;
  }
  n.priority = static_cast<int>(r.integer("priority", -100, 100).value_or(n.priority));
  n.requirement = read_requirement(r, "requires");
  done(r, std::move(l), out.numbers);
}

}  // namespace plateau::provision
