// read_number.cpp — [[number]]: a number (DID) callers dial, and what it runs.
#include <cctype>

#include "provision/object_rules.h"

namespace plateau::provision {

void read_number(ObjectReader& r, Parsed& out) {
  auto l = start(r, &model::Number::did, "did");
  auto& n = l.obj;
  // "queue" (the greeting, then the queue) or the name of one of the tenant's
  // IVR flows (published apart, docs/IVR.md).
  if (auto flow = r.string("flow", false)) {
    bool ok = !flow->empty() && flow->size() <= 64;
    for (char c : *flow) ok = ok && (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '-');
    if (!ok)
      r.fault(r.pos("flow"), "flow must be \"queue\" or the name of an IVR flow (a-z, 0-9, '_', '-'), not \"" +
                                 *flow + "\"");
    n.flow = *flow;
  }
  if (auto greeting = r.string("greeting", false)) {
    if (!greeting->empty()) check_prompt(r, "greeting", *greeting);
    n.greeting = *greeting;
  }
  // An IVR flow names its queues itself; its number's queue, if any, serves
  // while the flow is not published.
  if (auto queue = r.string("queue", n.flow == "queue")) {
    l.at["queue"] = r.pos("queue");
    n.queue = *queue;
  }
  n.priority = static_cast<int>(r.integer("priority", -100, 100).value_or(n.priority));
  n.requirement = read_requirement(r, "requires");
  done(r, std::move(l), out.numbers);
}

}  // namespace plateau::provision
